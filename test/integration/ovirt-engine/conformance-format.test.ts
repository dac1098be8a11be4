/**
 * Wire-format conformance (docs/ovirt-engine-behaviour.md §2.1–2.6, §7 items 18 and 19): XML declaration, indentation,
 * element order, dates with milliseconds and offset; JSON string booleans/integers, epoch
 * dates, unwrapped objects, `{}` for an empty collection; input leniency of both readers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { action, addJob, addStep, call, FakeClock, login, MISSING_ID, startSim } from './support.js';

/** @internal Names of the direct child elements of the root, in document order. */
function childOrder(xml: string): string[] {
  return [...xml.matchAll(/^ {4}<([a-z_]+)/gm)].map((match) => match[1] ?? '');
}

describe('XML output', () => {
  const clock = new FakeClock();
  let sim: OvirtEngineSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSim({ clock, timeZoneOffsetMinutes: 120 });
    token = await login(sim);
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('starts with a standalone declaration, is indented by four spaces and follows the schema order (§2.2)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, 'xml');
    await action(sim, token, 'xml', `/jobs/${jobId}/end`);
    // Act
    const result = await call(sim, token, 'GET', `/jobs/${jobId}`);
    // Assess
    expect(result.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(result.text.split('\n')[0]).toBe('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>');
    expect(result.text.split('\n')[1]).toBe(`<job href="/ovirt-engine/api/jobs/${jobId}" id="${jobId}">`);
    expect(childOrder(result.text)).toEqual([
      'actions', 'description', 'link', 'auto_cleared', 'end_time', 'external', 'last_updated', 'start_time', 'status', 'owner',
    ]);
    expect(result.text).toContain('        <link href=');
  });

  it('writes dates with milliseconds and the engine offset (§7.19)', async () => {
    // Prepare
    clock.t = Date.UTC(2024, 4, 2, 8, 15, 30, 123);
    // Act
    const jobId = await addJob(sim, token, 'xml');
    const result = await call(sim, token, 'GET', `/jobs/${jobId}`);
    // Assess
    expect(result.text).toContain('<start_time>2024-05-02T10:15:30.123+02:00</start_time>');
  });

  it('orders step fields as the schema does, references last (§2.3)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, 'xml');
    const parent = await addStep(sim, token, 'xml', jobId, { description: 'p', type: 'executing' });
    // Act
    const result = await call(sim, token, 'POST', `/jobs/${jobId}/steps`, {
      body: `<step><description>c</description><type>executing</type><parent_step id="${parent}"/></step>`,
    });
    // Assess
    expect(childOrder(result.text)).toEqual([
      'actions', 'description', 'link', 'external', 'number', 'start_time', 'status', 'type', 'job', 'parent_step',
    ]);
  });

  it('writes fault detail before reason (§2.6)', async () => {
    // Prepare
    const body = '<job><description> </description></job>';
    // Act
    const result = await call(sim, token, 'POST', '/jobs', { body });
    // Assess
    expect(result.text).toMatch(/<fault>\n {4}<detail>.*<\/detail>\n {4}<reason>Operation Failed<\/reason>\n<\/fault>/);
  });

  it('accepts booleans in any case and as 1/0, and enums in any case', async () => {
    // Prepare
    const jobBody = '<job><description>x</description><auto_cleared>TRUE</auto_cleared></job>';
    // Act
    const job = await call(sim, token, 'POST', '/jobs', { body: jobBody });
    const jobId = String(job.body.id);
    const step = await call(sim, token, 'POST', `/jobs/${jobId}/steps`, { body: '<step><description>s</description><type>Executing</type></step>' });
    const end = await call(sim, token, 'POST', `/jobs/${jobId}/steps/${String(step.body.id)}/end`, { body: '<action><succeeded>0</succeeded></action>' });
    // Assess
    expect(job.body.auto_cleared).toBe('true');
    expect(step.body.type).toBe('executing');
    expect(end.status).toBe(200);
    expect(sim.state.job(jobId)?.status).toBe('failed');
  });

  it('renders an empty collection as an empty element', async () => {
    // Prepare
    const path = `/jobs/${MISSING_ID}/steps`;
    // Act
    const result = await call(sim, token, 'GET', path);
    // Assess
    expect(result.text.trim().split('\n')).toEqual(['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', '<steps/>']);
  });
});

describe('JSON output', () => {
  const clock = new FakeClock();
  let sim: OvirtEngineSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSim({ clock });
    token = await login(sim);
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('uses string booleans and integers, epoch-ms dates, lower-case enums, unwrapped objects (§7.18)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, 'json');
    const stepId = await addStep(sim, token, 'json', jobId, { description: 's', type: 'executing' });
    // Act
    const job = await call(sim, token, 'GET', `/jobs/${jobId}`, { format: 'json' });
    const step = await call(sim, token, 'GET', `/jobs/${jobId}/steps/${stepId}`, { format: 'json' });
    // Assess
    expect(job.headers.get('content-type')).toMatch(/^application\/json/);
    const raw = JSON.parse(job.text) as Record<string, unknown>;
    expect(raw).not.toHaveProperty('job');
    expect(raw).toMatchObject({ id: jobId, auto_cleared: 'false', external: 'true', status: 'started', start_time: clock.now() });
    expect(JSON.parse(step.text)).toMatchObject({ number: '0', external: 'true', type: 'executing', start_time: clock.now() });
  });

  it('wraps collections as {"step": [...]} and renders an empty one as {} (open question 1)', async () => {
    // Prepare
    const jobId = await addJob(sim, token, 'json');
    await addStep(sim, token, 'json', jobId, { description: 's', type: 'executing' });
    // Act
    const list = await call(sim, token, 'GET', `/jobs/${jobId}/steps`, { format: 'json' });
    const empty = await call(sim, token, 'GET', `/jobs/${MISSING_ID}/steps`, { format: 'json' });
    // Assess
    expect(Object.keys(JSON.parse(list.text) as object)).toEqual(['step']);
    expect(JSON.parse(empty.text)).toEqual({});
  });

  it('accepts native JSON booleans and numbers as well as strings (open question 2)', async () => {
    // Prepare
    const jobBody = JSON.stringify({ description: 'native', auto_cleared: true });
    // Act
    const job = await call(sim, token, 'POST', '/jobs', { format: 'json', body: jobBody });
    const jobId = String(job.body.id);
    const step = await call(sim, token, 'POST', `/jobs/${jobId}/steps`, { format: 'json', body: JSON.stringify({ description: 's', type: 'executing', number: 7 }) });
    const end = await call(sim, token, 'POST', `/jobs/${jobId}/steps/${String(step.body.id)}/end`, { format: 'json', body: JSON.stringify({ succeeded: 0 }) });
    // Assess
    expect(job.body.auto_cleared).toBe('true');
    expect(step.body.number).toBe('0');
    expect(end.status).toBe(200);
    expect(sim.state.job(jobId)?.status).toBe('failed');
  });

  it('picks the format from the accept query parameter as well as the header', async () => {
    // Prepare
    const jobId = await addJob(sim, token, 'json');
    // Act
    const result = await fetch(`${sim.apiUrl}/jobs/${jobId}?accept=application/json`, { headers: { authorization: `Bearer ${token}` } });
    // Assess
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await result.json()) as { id: string }).id).toBe(jobId);
  });
});
