/**
 * No password, token or Authorization header in any log line or error message. Every byte the
 * process writes to stdout and stderr (the Powertools logger at DEBUG, metrics, console) is
 * captured while whole scenarios run through the real handlers: all fixtures mirrored, a token
 * revoked (401 → login again), engine faults (500, 503, resets), Step Functions throttling,
 * a wrong password, a refused static token. The tokens searched for are the ones the product
 * really sent, read from undici's diagnostics channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/index.js';
import { makeOnExecutionEventHandler } from '../../../src/entry/on-execution-event.js';
import { createRuntime } from '../../../src/runtime/runtime.js';
import { captureOutput } from '../../helpers/chaos/log-capture.js';
import type { OutputCapture } from '../../helpers/chaos/log-capture.js';
import { FIXTURE_NAMES, fixtureRecordings, fixtureStateMachines, freshRecording } from '../../helpers/chaos/recordings.js';
import { lambdaContext, SIM_USER, startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { captureSecrets, errorTexts, leaks } from './secret-capture.js';
import type { SecretCapture } from './secret-capture.js';

const WRONG_PASSWORD = 'wrong-password-Zq8!x';
const STATIC_TOKEN = 'static-token-9f8e7d6c5b4a3f2e1d0c';

describe('no secrets in logs or errors', () => {
  let parts: LocalParts;
  let output: OutputCapture;
  let secrets: SecretCapture;
  const errors: unknown[] = [];
  let counter = 0;

  /** mirror adds a fresh copy of a fixture and delivers its status events through `handler`. */
  const mirror = async (fixture: (typeof FIXTURE_NAMES)[number], handler: (event: unknown) => Promise<unknown> = (e) => parts.onEvent(e)) => {
    const template = fixtureRecordings().get(fixture);
    if (template === undefined) throw new Error(`no fixture ${fixture}`);
    counter += 1;
    const recording = freshRecording(template, `sec-${counter}`, Date.now());
    parts.sfn.addExecution(recording, { revealed: 0 });
    const events: unknown[] = [];
    const stop = parts.sfn.onStatusChange((event) => void events.push(event));
    parts.sfn.reveal(recording.description.executionArn, 'all');
    stop();
    for (const event of events) await handler(event).catch((error: unknown) => void errors.push(error));
  };

  /** handlerWith builds a second handler on the same parts with other oVirt credentials. */
  const handlerWith = (ovirt: Partial<Config['ovirt']>) => {
    const config: Config = { ...parts.config, ovirt: { ...parts.config.ovirt, ...ovirt } };
    const handler = makeOnExecutionEventHandler(createRuntime(config));
    return (event: unknown) => handler(event, lambdaContext());
  };

  beforeAll(async () => {
    output = captureOutput({ keep: true });
    secrets = captureSecrets([SIM_USER.password, WRONG_PASSWORD, STATIC_TOKEN]);
    parts = await startLocalParts({ env: { LOG_LEVEL: 'DEBUG', STATE_MACHINE_ARNS: fixtureStateMachines().join(',') } });
    // Happy paths, every fixture, then the sweep.
    for (const fixture of FIXTURE_NAMES) await mirror(fixture);
    await parts.sweep();
    // The engine forgets every token: the client must log in again.
    parts.engine.revokeAllTokens();
    await mirror('a');
    // Engine faults, some leaving adds applied but unanswered, and Step Functions throttling.
    parts.engine.faults.add({ kind: 'http-500', match: { route: 'POST /jobs/{id}/steps' }, times: 2 });
    parts.engine.faults.add({ kind: 'http-503', match: { route: 'POST /jobs' }, times: 1 });
    parts.engine.faults.add({ kind: 'reset-after-apply', match: { route: 'POST /jobs/{id}/end' }, times: 1 });
    parts.sfn.throttle({ operation: 'GetExecutionHistory', times: 2 });
    for (const fixture of ['b', 'c', 'd'] as const) await mirror(fixture);
    parts.engine.faults.clear();
    parts.sfn.clearFaults();
    await parts.sweep();
    // Credentials the engine refuses.
    await mirror('a', handlerWith({ password: WRONG_PASSWORD }));
    await mirror('a', handlerWith({ username: undefined, password: undefined, token: STATIC_TOKEN }));
  }, 120_000);
  afterAll(async () => {
    secrets?.stop();
    await parts?.stop();
    output?.restore();
  });

  it('ran the scenarios it claims: logs at DEBUG, tokens sent, errors met', () => {
    // Act
    const text = output.chunks.join('');

    // Assess
    expect(text).toContain('"level":"DEBUG"');
    expect(text).toContain('oVirt job ready');
    expect(text).toContain('OvirtAuthError');
    expect([...secrets.secrets].filter((secret) => secret.length === 86).length).toBeGreaterThan(1); // engine tokens really sent (86 characters)
    expect(errors.length).toBeGreaterThan(0);
  });

  it('writes no password or token to stdout or stderr', () => {
    // Act
    const found = leaks(output.chunks, secrets.secrets);

    // Assess
    expect(found).toEqual([]);
  });

  it('writes no Authorization header or bearer credential to any log line', () => {
    // Act
    const lines = output.chunks.filter((chunk) => /authorization"?\s*[:=]|bearer\s+[A-Za-z0-9._~+/-]{16,}|basic\s+[A-Za-z0-9+/=]{16,}/i.test(chunk));

    // Assess
    expect(lines).toEqual([]);
  });

  it('puts no password or token in any error message, cause or stack', () => {
    // Act
    const found = leaks(errors.flatMap(errorTexts), secrets.secrets);

    // Assess
    expect(found).toEqual([]);
  });
});
