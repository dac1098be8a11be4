/**
 * Regression tests for issue 9 #2: a 2xx answer that is not what the engine API sends (a
 * gateway's login page, an XML action, `{}`) must not count as success. Run against a hostile
 * stand-in on 127.0.0.1 that answers every API call with the scripted body.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OvirtClient } from '../../../src/adapters/ovirt/index.js';
import { isOvirtHttpError, isRetryable } from '../../../src/errors.js';
import { send, startHostileEngine, type HostileEngine } from './hostile-engine.js';

const JOB_ID = '3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10';
const STEP_ID = '9a0b1c2d-0000-4000-8000-000000000001';
/** A secret-looking value in the bodies: it must never reach an error message. */
const SECRET = 'csrf-7f3a9c1e-SECRET';
const LOGIN_PAGE = `<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method="post"><input type="hidden" name="csrf" value="${SECRET}"><input name="user"></form></body></html>`;

let engine: HostileEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

/** Starts a stand-in that answers every API call with `status`, `contentType` and `body`. */
async function answering(status: number, contentType: string | undefined, body: string): Promise<HostileEngine> {
  engine = await startHostileEngine((_request, response) => send(response, status, contentType, body));
  return engine;
}

const writes: [string, (client: OvirtClient) => Promise<void>][] = [
  ['job end', (client) => client.endJob(JOB_ID, { succeeded: true })],
  ['step end', (client) => client.endStep(JOB_ID, STEP_ID, { succeeded: true })],
  ['job clear', (client) => client.clearJob(JOB_ID)],
];

const answers: [string, number, string | undefined, string, string][] = [
  ['a gateway login page', 200, 'text/html; charset=utf-8', LOGIN_PAGE, 'an HTML page (text/html)'],
  ['an XML action whose status is failed', 200, 'application/xml', `<action><status>failed</status><fault><detail>${SECRET}</detail></fault></action>`, 'an XML document (application/xml)'],
  ['an empty JSON object', 200, 'application/json', '{}', 'an empty object (application/json)'],
  ['a JSON action without a status', 200, 'application/json', JSON.stringify({ succeeded: 'true', note: SECRET }), 'a JSON object (application/json)'],
  ['an empty body', 204, undefined, '', 'an empty body'],
];

describe('issue 9 #2: a write answered 2xx with something that is not a completed action is not success', () => {
  describe.each(writes)('%s', (_write, call) => {
    it.each(answers)('answered with %s: a retryable OvirtHttpError that names what came back, never its content', async (_label, status, type, body, named) => {
      // Prepare
      const client = (await answering(status, type, body)).client();

      // Act
      const error: unknown = await call(client).catch((e: unknown) => e);

      // Assess
      expect(isOvirtHttpError(error)).toBe(true);
      expect(isRetryable(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain(named);
      expect(message).toMatch(/check that url points at the engine API .* not at a proxy or its login page/);
      expect(message).not.toContain(SECRET);
      expect(message).not.toMatch(/fix the input/);
      // The end is idempotent: the client tried again (1 + 2 retries) before giving up.
      expect(engine?.apiRequests()).toBe(3);
    });
  });

  it('still accepts the engine’s confirmation, an action with status complete', async () => {
    // Prepare
    const client = (await answering(200, 'application/json', JSON.stringify({ job: { id: JOB_ID }, status: 'complete', succeeded: 'true' }))).client();

    // Act
    const outcome = client.endJob(JOB_ID, { succeeded: true });

    // Assess
    await expect(outcome).resolves.toBeUndefined();
  });

  it('reports a 200 action whose JSON status says failed with its fault, retryable, without the misleading input hint', async () => {
    // Prepare
    const body = JSON.stringify({ status: 'failed', fault: { reason: 'Operation Failed', detail: '[odd]' } });
    const client = (await answering(200, 'application/json', body)).client();

    // Act
    const error: unknown = await client.endJob(JOB_ID, { succeeded: true }).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ name: 'OvirtHttpError', reason: 'Operation Failed', detail: '[odd]', retryable: true });
    expect((error as Error).message).not.toMatch(/fix the input/);
  });
});

describe('issue 9 #2, same cause: reads and adds answered 2xx with something that is not an API document', () => {
  it.each([
    ['the step list answered with an empty body', (client: OvirtClient) => client.listSteps(JOB_ID), 200, undefined, '', 'an empty body'],
    ['the step list answered with a login page', (client: OvirtClient) => client.listSteps(JOB_ID), 200, 'text/html', LOGIN_PAGE, 'an HTML page (text/html)'],
    ['a job read answered with a login page', (client: OvirtClient) => client.getJob(JOB_ID), 200, 'text/html', LOGIN_PAGE, 'an HTML page (text/html)'],
    ['a correlation-id search answered with plain text', (client: OvirtClient) => client.findJobsByCorrelationId('exec-42'), 200, 'text/plain', `ok ${SECRET}`, 'plain text (text/plain)'],
  ])('%s is a retryable error, not "nothing there"', async (_label, call, status, type, body, named) => {
    // Prepare
    const client = (await answering(status, type, body)).client();

    // Act
    const error: unknown = await call(client).catch((e: unknown) => e);

    // Assess
    expect(isOvirtHttpError(error)).toBe(true);
    expect(isRetryable(error)).toBe(true);
    expect((error as Error).message).toContain(named);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('an add answered 201 with a login page is an error that says the add may have happened, sent once', async () => {
    // Prepare
    const client = (await answering(201, 'text/html', LOGIN_PAGE)).client();

    // Act
    const error: unknown = await client.addJob({ description: 'd', autoCleared: true, correlationId: 'exec-42' }).catch((e: unknown) => e);

    // Assess
    expect(isOvirtHttpError(error)).toBe(true);
    expect((error as Error).message).toMatch(/an HTML page \(text\/html\).*may or may not have happened; look the object up/);
    expect((error as Error).message).not.toContain(SECRET);
    expect(engine?.apiRequests()).toBe(1);
  });

  it('still reads the engine’s empty collection {} as an empty list', async () => {
    // Prepare
    const client = (await answering(200, 'application/json', '{}')).client();

    // Act
    const steps = await client.listSteps(JOB_ID);

    // Assess
    expect(steps).toEqual([]);
  });
});
