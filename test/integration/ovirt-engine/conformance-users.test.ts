/**
 * Users conformance: the links the engine hands out to users — a job's `owner`, the API
 * root's `authenticated_user` and `effective_user` — resolve with `GET /users/{id}`, in XML
 * and JSON, with the read rules of `GET /jobs/{id}` (administrator unfiltered: any user;
 * filtered: only the caller; non-administrator unfiltered: 400).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { addJob, call, field, FORMATS, login, MISSING_ID, startSim } from './support.js';

const API = '/ovirt-engine/api';
/** below turns an href into the path `call` takes (below the API prefix). */
const below = (href: unknown): string => {
  expect(String(href).startsWith(API)).toBe(true);
  return String(href).slice(API.length);
};

describe.each(FORMATS)('users in %s', (format) => {
  let sim: OvirtEngineSimulator;
  let admin: string;
  let user: string;
  let sso: string;

  beforeAll(async () => {
    sim = await startSim({
      internalJobs: false,
      users: [
        { name: 'admin@internal', password: 'pw' },
        { name: 'user@internal', password: 'pw', admin: false },
        { name: 'admin@ovirt@internalsso', password: 'pw' },
      ],
    });
    admin = await login(sim, 'admin@internal', 'pw');
    user = await login(sim, 'user@internal', 'pw');
    sso = await login(sim, 'admin@ovirt@internalsso', 'pw');
  });
  afterAll(async () => {
    await sim.stop();
  });

  const ownerOf = async (token: string) => {
    const jobId = await addJob(sim, token, format, { description: `owned ${format}` });
    const job = await call(sim, token, 'GET', `/jobs/${jobId}`, { format });
    return job.body.owner as { id: string; href: string };
  };

  it('found by following job.owner (Python SDK follow_link, Ansible ovirt_job): GET /users/{id} answers the job owner, not 404', async () => {
    // Prepare
    const owner = await ownerOf(admin);

    // Act
    const result = await call(sim, admin, 'GET', below(owner.href), { format });

    // Assess
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe(format === 'json' ? 'application/json' : 'application/xml');
    if (format === 'xml') expect(result.root).toBe('user');
    expect(result.body).toEqual({
      href: owner.href,
      id: owner.id,
      name: 'admin',
      namespace: '*',
      principal: 'admin',
      user_name: 'admin@internal-authz',
    });
  });

  it('resolves the API root authenticated_user and effective_user links to the caller', async () => {
    // Prepare
    const root = await call(sim, user, 'GET', '', { format });

    // Act
    const authenticated = await call(sim, user, 'GET', below(field(root.body, 'authenticated_user.href')), { format });
    const effective = await call(sim, user, 'GET', below(field(root.body, 'effective_user.href')), { format });

    // Assess
    expect([authenticated.status, effective.status]).toEqual([200, 200]);
    expect(authenticated.body).toEqual(effective.body);
    expect(authenticated.body).toMatchObject({ id: field(root.body, 'authenticated_user.id'), principal: 'user', user_name: 'user@internal-authz' });
  });

  it('splits a Keycloak-style login name at the last @ (principal admin@ovirt, profile internalsso)', async () => {
    // Prepare
    const owner = await ownerOf(sso);

    // Act
    const result = await call(sim, sso, 'GET', below(owner.href), { format });

    // Assess
    expect(result.body).toMatchObject({ name: 'admin@ovirt', principal: 'admin@ovirt', user_name: 'admin@ovirt@internalsso-authz' });
  });

  it('keeps /v4 in the href when the request used the /v4 path', async () => {
    // Prepare
    const owner = await ownerOf(admin);

    // Act
    const result = await call(sim, admin, 'GET', `/v4/users/${owner.id}`, { format });

    // Assess
    expect(result.body.href).toBe(`${API}/v4/users/${owner.id}`);
  });

  it('lets an administrator read any user unfiltered, but only itself with Filter: true', async () => {
    // Prepare
    const own = await ownerOf(admin);
    const other = await ownerOf(sso);

    // Act
    const otherUnfiltered = await call(sim, admin, 'GET', `/users/${other.id}`, { format });
    const otherFiltered = await call(sim, admin, 'GET', `/users/${other.id}`, { format, headers: { filter: 'true' } });
    const ownFiltered = await call(sim, admin, 'GET', `/users/${own.id}?filter=true`, { format });

    // Assess
    expect(otherUnfiltered.status).toBe(200);
    expect([otherFiltered.status, otherFiltered.text]).toEqual([404, '']);
    expect(ownFiltered.body.id).toBe(own.id);
  });

  it('lets a non-administrator (filtered by default) read only itself; unfiltered the query fails with 400', async () => {
    // Prepare
    const root = await call(sim, user, 'GET', '', { format });
    const self = String(field(root.body, 'authenticated_user.id'));
    const adminId = (await ownerOf(admin)).id;

    // Act
    const ownDefault = await call(sim, user, 'GET', `/users/${self}`, { format });
    const adminDefault = await call(sim, user, 'GET', `/users/${adminId}`, { format });
    const ownUnfiltered = await call(sim, user, 'GET', `/users/${self}`, { format, headers: { filter: 'false' } });

    // Assess
    expect(ownDefault.status).toBe(200);
    expect([adminDefault.status, adminDefault.text]).toEqual([404, '']);
    expect(ownUnfiltered.status).toBe(400);
    expect(field(ownUnfiltered.body, 'detail')).toBe('query execution failed due to insufficient permissions.');
  });

  it('answers an unknown user id and a non-UUID with 404 and no body; the collection is not served', async () => {
    // Act
    const unknown = await call(sim, admin, 'GET', `/users/${MISSING_ID}`, { format });
    const malformed = await call(sim, admin, 'GET', '/users/admin', { format });
    const collection = await call(sim, admin, 'GET', '/users', { format });
    const put = await call(sim, admin, 'PUT', `/users/${MISSING_ID}`, { format, body: '' });

    // Assess
    expect([unknown.status, unknown.text, malformed.status, malformed.text]).toEqual([404, '', 404, '']);
    expect(collection.status).toBe(404);
    expect(put.status).toBe(405);
  });
});

describe('users in XML', () => {
  it('writes the fields in the schema order: name, then the own fields alphabetically', async () => {
    // Prepare
    const sim = await startSim({ internalJobs: false });
    const token = await login(sim);
    const jobId = await addJob(sim, token, 'xml');
    const ownerId = sim.state.job(jobId)?.ownerId ?? '';

    // Act
    const result = await call(sim, token, 'GET', `/users/${ownerId}`);
    await sim.stop();

    // Assess
    expect(result.text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        `<user href="${API}/users/${ownerId}" id="${ownerId}">`,
        '    <name>admin</name>',
        '    <namespace>*</namespace>',
        '    <principal>admin</principal>',
        '    <user_name>admin@internal-authz</user_name>',
        '</user>',
        '',
      ].join('\n'),
    );
  });
});
