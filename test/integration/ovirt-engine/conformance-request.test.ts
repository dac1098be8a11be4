/**
 * Request-level conformance (docs/ovirt-engine-behaviour.md §1, §4.7–4.10, §5, §7 item 23): Correlation-Id rules, search on
 * correlation_id, Filter and read permissions, /v4 paths, matrix parameters and the API root.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { addJob, addStep, call, encodeBody, field, FORMATS, items, login, startSim } from './support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(FORMATS)('requests in %s', (format) => {
  let sim: OvirtEngineSimulator;
  let admin: string;
  let user: string;
  let creator: string;

  beforeAll(async () => {
    sim = await startSim({
      users: [
        { name: 'admin@internal', password: 'pw' },
        { name: 'user@internal', password: 'pw', admin: false },
        { name: 'creator@internal', password: 'pw', admin: false, canInjectExternalTasks: true },
      ],
    });
    admin = await login(sim, 'admin@internal', 'pw');
    user = await login(sim, 'user@internal', 'pw');
    creator = await login(sim, 'creator@internal', 'pw');
  });
  afterAll(async () => {
    await sim.stop();
  });

  const search = (token: string, query: string) => call(sim, token, 'GET', `/jobs?search=${encodeURIComponent(query)}`, { format });

  it('takes the Correlation-Id header before the query parameter, cleans it and keeps 36 characters', async () => {
    // Prepare
    const headers = { 'correlation-id': 'run:42/äb c-d_e' };
    const long = 'x'.repeat(40);
    // Act
    const fromHeader = await addJob(sim, admin, format, { description: 'h' }, headers);
    const both = await call(sim, admin, 'POST', '/jobs?correlation_id=from-query', { format, headers: { 'correlation-id': 'from-header' }, body: encodeBody('job', { description: 'b' }, format) });
    const fromQuery = await call(sim, admin, 'POST', `/jobs?correlation_id=${long}`, { format, body: encodeBody('job', { description: 'q' }, format) });
    // Assess
    expect(sim.state.job(fromHeader)?.correlationId).toBe('run42bc-d_e');
    expect(both.headers.get('correlation-id')).toBe('from-header');
    expect(sim.state.job(String(fromQuery.body.id))?.correlationId).toBe('x'.repeat(36));
  });

  it('generates a random UUID when no correlation id is sent and echoes it on every call past auth', async () => {
    // Prepare
    const body = encodeBody('job', { description: 'no cid' }, format);
    // Act
    const added = await call(sim, admin, 'POST', '/jobs', { format, body });
    const missing = await call(sim, admin, 'GET', '/jobs/not-a-uuid', { format, headers: { 'correlation-id': 'echo-me' } });
    // Assess
    const echoed = added.headers.get('correlation-id');
    expect(echoed).toMatch(UUID);
    expect(sim.state.job(String(added.body.id))?.correlationId).toBe(echoed);
    expect([missing.status, missing.headers.get('correlation-id')]).toEqual([404, 'echo-me']);
  });

  it('searches correlation_id exactly and case-sensitively, with != and and/or (§7.23)', async () => {
    // Prepare
    const a = await addJob(sim, admin, format, { description: 'a' }, { 'correlation-id': `Srch-A-${format}` });
    const b = await addJob(sim, admin, format, { description: 'b' }, { 'correlation-id': `Srch-B-${format}` });
    // Act
    const exact = await search(admin, `correlation_id=Srch-A-${format}`);
    const wrongCase = await search(admin, `correlation_id=srch-a-${format}`);
    const wildcard = await search(admin, 'correlation_id=Srch-*');
    const either = await search(admin, `correlation_id = Srch-A-${format} or correlation_id = Srch-B-${format}`);
    const not = await search(admin, `correlation_id!=Srch-A-${format} and correlation_id=Srch-B-${format}`);
    // Assess
    expect(items(exact, 'job').map((job) => job.id)).toEqual([a]);
    expect(items(wrongCase, 'job')).toEqual([]);
    expect(items(wildcard, 'job')).toEqual([]);
    expect(items(either, 'job').map((job) => job.id)).toEqual([a, b]);
    expect(items(not, 'job').map((job) => job.id)).toEqual([b]);
  });

  it.each(['correlation_id=', 'correlation_id=x and', 'description=a', 'status=finished', 'garbage ((('])(
    'answers malformed or unsupported search %j with 200 and an empty list',
    async (query) => {
      // Prepare
      await addJob(sim, admin, format, { description: 'a' });
      // Act
      const result = await search(admin, query);
      // Assess
      expect(result.status).toBe(200);
      expect(items(result, 'job')).toEqual([]);
    },
  );

  it('pages search results in blocks of max with "page N"', async () => {
    // Prepare
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push(await addJob(sim, admin, format, { description: `p${i}` }, { 'correlation-id': `page-${format}` }));
    // Act
    const page2 = await call(sim, admin, 'GET', `/jobs?max=2&search=${encodeURIComponent(`correlation_id=page-${format} page 2`)}`, { format });
    // Assess
    expect(items(page2, 'job').map((job) => job.id)).toEqual([ids[2]]);
  });

  it('Filter: true makes GET /jobs and step reads fail with 400 and limits GET /jobs/{id} to own jobs (§4.8)', async () => {
    // Prepare
    const own = await addJob(sim, admin, format, { description: 'mine' });
    const other = await addJob(sim, creator, format, { description: 'theirs' });
    const headers = { filter: 'true' };
    // Act
    const list = await call(sim, admin, 'GET', '/jobs', { format, headers });
    const mine = await call(sim, admin, 'GET', `/jobs/${own}`, { format, headers });
    const theirs = await call(sim, admin, 'GET', `/jobs/${other}?filter=true`, { format });
    const steps = await call(sim, admin, 'GET', `/jobs/${own}/steps`, { format, headers });
    // Assess
    expect(list.status).toBe(400);
    expect(field(list.body, 'detail')).toBe('query execution failed due to insufficient permissions.');
    expect(mine.status).toBe(200);
    expect([theirs.status, theirs.text]).toEqual([404, '']);
    expect(steps.status).toBe(400);
  });

  it('a non-admin user cannot list jobs or read steps, filtered or not, but can write with the permission', async () => {
    // Prepare
    const jobId = await addJob(sim, creator, format, { description: 'by creator' });
    // Act
    const listDefault = await call(sim, user, 'GET', '/jobs', { format });
    const listUnfiltered = await call(sim, user, 'GET', '/jobs', { format, headers: { filter: 'false' } });
    const steps = await call(sim, creator, 'GET', `/jobs/${jobId}/steps`, { format });
    const ownJob = await call(sim, creator, 'GET', `/jobs/${jobId}`, { format });
    const stepId = await addStep(sim, creator, format, jobId, { description: 's', type: 'executing' });
    // Assess
    expect([listDefault.status, listUnfiltered.status, steps.status]).toEqual([400, 400, 400]);
    expect(ownJob.status).toBe(200);
    expect(stepId).toMatch(UUID);
    expect(sim.state.job(jobId)?.ownerId).not.toBe(sim.state.jobs().find((job) => job.description === 'mine')?.ownerId);
  });

  it('keeps /v4 in every href when the request used the /v4 path, Location included', async () => {
    // Prepare
    const body = encodeBody('job', { description: 'v4' }, format);
    // Act
    const result = await call(sim, admin, 'POST', '/v4/jobs', { format, body });
    // Assess
    const id = String(result.body.id);
    expect(result.body.href).toBe(`/ovirt-engine/api/v4/jobs/${id}`);
    expect(result.headers.get('location')).toBe(`${sim.apiUrl}/v4/jobs/${id}`);
    expect(field(result.body, 'owner.href')).toMatch(/^\/ovirt-engine\/api\/v4\/users\//);
    expect(field(result.body, 'actions.link')).toEqual([
      { href: `/ovirt-engine/api/v4/jobs/${id}/clear`, rel: 'clear' },
      { href: `/ovirt-engine/api/v4/jobs/${id}/end`, rel: 'end' },
    ]);
  });

  it('reads matrix parameters on the last path segment (/jobs;max=1)', async () => {
    // Prepare
    const oldest = sim.state.jobs()[0]?.id;
    // Act
    const result = await call(sim, admin, 'GET', '/jobs;max=1', { format });
    // Assess
    expect(items(result, 'job').map((job) => job.id)).toEqual([oldest]);
  });

  it('serves the API root with product info and the caller', async () => {
    // Prepare
    const path = '';
    // Act
    const result = await call(sim, admin, 'GET', path, { format });
    // Assess
    expect(result.status).toBe(200);
    expect(field(result.body, 'product_info.name')).toBe('oVirt Engine');
    expect(field(result.body, 'product_info.version.major')).toBe('4');
    expect(result.body.link).toEqual(expect.arrayContaining([{ href: '/ovirt-engine/api/jobs', rel: 'jobs' }]));
    expect(field(result.body, 'authenticated_user.id')).toMatch(UUID);
  });

  it('has no update or delete: PUT and DELETE give 405 with an empty body; unknown paths 404', async () => {
    // Prepare
    const jobId = await addJob(sim, admin, format);
    // Act
    const put = await call(sim, admin, 'PUT', `/jobs/${jobId}`, { format, body: encodeBody('job', { description: 'x' }, format) });
    const del = await call(sim, admin, 'DELETE', `/jobs/${jobId}`, { format });
    const unknown = await call(sim, admin, 'GET', '/vms', { format });
    // Assess
    expect([put.status, put.text, del.status, del.text]).toEqual([405, '', 405, '']);
    expect([unknown.status, unknown.text]).toEqual([404, '']);
  });
});

describe('users', () => {
  it('give each user a stable UUID, the same in every simulator instance', async () => {
    // Prepare
    const owners: Array<string | undefined> = [];
    // Act
    for (let i = 0; i < 2; i += 1) {
      const sim = await startSim({ internalJobs: false });
      const token = await login(sim);
      owners.push(sim.state.job(await addJob(sim, token, 'xml'))?.ownerId);
      await sim.stop();
    }
    // Assess
    expect(owners[0]).toMatch(UUID);
    expect(owners[1]).toBe(owners[0]);
  });
});
