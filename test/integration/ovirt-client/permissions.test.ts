/**
 * Regression tests for issue 9 #3: refusals for lack of rights must say so, and say what to
 * grant. The simulator refuses like the engine: a write without INJECT_EXTERNAL_TASKS gets
 * 403; a non-administrator's job search or step read gets 400 "query execution failed due to
 * insufficient permissions." (filtered mode).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OvirtClient } from '../../../src/adapters/ovirt/index.js';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { isOvirtPermissionError, isRetryable, type OvirtPermissionError } from '../../../src/errors.js';
import { send, startHostileEngine, type HostileEngine } from './hostile-engine.js';
import { clientFor, PASSWORD, startSim, USER } from './sim.js';

const OPERATOR = 'operator@internal';

let sim: OvirtEngineSimulator | undefined;
let client: OvirtClient | undefined;
let hostile: HostileEngine | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.stop();
  await hostile?.stop();
  sim = client = hostile = undefined;
});

/** Starts a simulator with an administrator (USER) and OPERATOR with the given rights; returns a client logged in as OPERATOR. */
async function asOperator(rights: { admin: boolean; canInjectExternalTasks: boolean }): Promise<{ operator: OvirtClient; admin: OvirtClient }> {
  sim = await startSim({ tls: false, users: [{ name: USER, password: PASSWORD }, { name: OPERATOR, password: PASSWORD, ...rights }] });
  client = clientFor(sim);
  return { operator: clientFor(sim, { username: OPERATOR }), admin: client };
}

describe('issue 9 #3: a refusal for lack of rights is an OvirtPermissionError that says what to grant', () => {
  it('a non-administrator’s correlation-id search (400 in filtered mode) asks for an administrator role with INJECT_EXTERNAL_TASKS', async () => {
    // Prepare
    const { operator } = await asOperator({ admin: false, canInjectExternalTasks: true });

    // Act
    const error: unknown = await operator.findJobsByCorrelationId('exec-42').catch((e: unknown) => e);
    await operator.close();

    // Assess
    expect(isOvirtPermissionError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    const refused = error as OvirtPermissionError;
    expect(refused.method).toBe('GET');
    expect(refused.message).toContain('query execution failed due to insufficient permissions.');
    expect(refused.needed).toMatch(/administrator role/);
    expect(refused.needed).toMatch(/INJECT_EXTERNAL_TASKS/);
    expect(refused.needed).toMatch(/SuperUser/);
    expect(refused.needed).toMatch(/ExternalTasksCreator alone is a user role/);
  });

  it('a non-administrator’s step list is refused the same way', async () => {
    // Prepare
    const { operator, admin } = await asOperator({ admin: false, canInjectExternalTasks: true });
    const job = await admin.addJob({ description: 'owned by the admin', autoCleared: true });

    // Act
    const error: unknown = await operator.listSteps(job.id).catch((e: unknown) => e);
    await operator.close();

    // Assess
    expect(isOvirtPermissionError(error)).toBe(true);
    expect((error as OvirtPermissionError).needed).toMatch(/administrator/);
  });

  it.each([
    ['an add', (c: OvirtClient) => c.addJob({ description: 'd', autoCleared: true })],
    ['a job end', (c: OvirtClient) => c.endJob('3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10', { succeeded: true })],
  ])('%s by a user without INJECT_EXTERNAL_TASKS (403) asks for that permission, sent once', async (_label, call) => {
    // Prepare
    const { operator } = await asOperator({ admin: true, canInjectExternalTasks: false });

    // Act
    const error: unknown = await call(operator).catch((e: unknown) => e);
    await operator.close();

    // Assess
    expect(isOvirtPermissionError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    expect((error as Error).message).toContain('User is not authorized to perform this action.');
    expect((error as OvirtPermissionError).needed).toMatch(/role that includes the INJECT_EXTERNAL_TASKS permission/);
    expect(sim?.stats().byRoute[_label === 'an add' ? 'POST /jobs' : 'POST /jobs/{id}/end']).toBe(1);
  });

  it('a 403 page from something in front of the engine is a permission refusal that says it is no oVirt fault', async () => {
    // Prepare
    hostile = await startHostileEngine((_request, response) => send(response, 403, 'text/html', '<html><body>Forbidden by policy ref=abc123</body></html>'));
    const operator = hostile.client();

    // Act
    const error: unknown = await operator.endJob('3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10', { succeeded: true }).catch((e: unknown) => e);

    // Assess
    expect(isOvirtPermissionError(error)).toBe(true);
    expect((error as Error).message).toContain('an HTML page (text/html), not an oVirt fault');
    expect((error as Error).message).not.toContain('abc123');
  });
});
