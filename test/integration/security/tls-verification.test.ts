/**
 * TLS towards the engine through the real handler: verification is on by default, an engine
 * certificate that the configured trust does not cover is refused before anything is sent
 * (no credentials leave the function), with a message saying what to set; skipping
 * verification needs OVIRT_INSECURE set explicitly and logs a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { isOvirtUnavailableError, isRetryable } from '../../../src/errors.js';
import { startOvirtEngine } from '../../../src/local/ovirt-engine/index.js';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { captureOutput } from '../../helpers/chaos/log-capture.js';
import type { OutputCapture } from '../../helpers/chaos/log-capture.js';
import { startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { renamedRecording } from '../bad-input/renamed-recording.js';

/** lastEventOf adds a fresh finished execution to the parts' stub and returns its last status event. */
function lastEventOf(parts: LocalParts, name: string): unknown {
  const recording = renamedRecording(`${name}-${Date.now().toString(36)}`, {});
  parts.sfn.addExecution(recording, { revealed: 0 });
  const events: unknown[] = [];
  const stop = parts.sfn.onStatusChange((event) => void events.push(event));
  parts.sfn.reveal(recording.description.executionArn, 'all');
  stop();
  return events[events.length - 1];
}

async function failureOf(parts: LocalParts, event: unknown): Promise<Error | undefined> {
  return parts.onEvent(event).then(
    () => undefined,
    (error: unknown) => error as Error,
  );
}

describe('TLS towards the engine', () => {
  let output: OutputCapture;
  let otherEngine: OvirtEngineSimulator;
  const started: LocalParts[] = [];
  const start = async (env: Record<string, string>) => {
    const parts = await startLocalParts({ env: { LOG_LEVEL: 'INFO', ...env } });
    started.push(parts);
    return parts;
  };

  beforeAll(async () => {
    output = captureOutput({ keep: true });
    otherEngine = await startOvirtEngine({ tls: true });
  });
  afterAll(async () => {
    await Promise.all(started.map((parts) => parts.stop()));
    await otherEngine?.stop();
    output?.restore();
  });

  it('verifies certificates unless told otherwise', () => {
    // Act
    const config = loadConfig({ TRACKING_TABLE_NAME: 't', OVIRT_URL: 'https://engine.example/ovirt-engine/api', OVIRT_USERNAME: 'u@internal', OVIRT_PASSWORD: 'p' });

    // Assess
    expect(config.ovirt.insecure).toBe(false);
  });

  it.each([
    ['no CA configured (system trust store only)', { OVIRT_CAFILE: '' }],
    ["another engine's CA", { OVIRT_CAFILE: 'OTHER' }],
  ])('refuses the engine certificate with %s, before sending anything, saying what to set', async (_name, env) => {
    // Prepare
    const parts = await start({ OVIRT_CAFILE: env.OVIRT_CAFILE === 'OTHER' ? (otherEngine.caFile ?? '') : '' });
    const event = lastEventOf(parts, 'tls-refused');

    // Act
    const error = await failureOf(parts, event);

    // Assess
    expect(isOvirtUnavailableError(error), String(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    expect(error?.message).toContain('TLS verification failed');
    expect(error?.message).toContain('OVIRT_CAFILE');
    expect(parts.engine.stats().total).toBe(0);
    expect(parts.engine.state.jobs().filter((job) => job.external)).toEqual([]);
  });

  it('skips verification only with OVIRT_INSECURE=true, and says so in the log', async () => {
    // Prepare
    const parts = await start({ OVIRT_CAFILE: '', OVIRT_INSECURE: 'true' });
    const event = lastEventOf(parts, 'tls-insecure');

    // Act
    const outcome = await parts.onEvent(event);

    // Assess
    expect(outcome.kind).toBe('converged');
    expect(parts.engine.state.jobs().filter((job) => job.external)).toHaveLength(1);
    const warnings = output.chunks.filter((chunk) => chunk.includes('TLS verification is OFF'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"level":"WARN"');
  });
});
