/**
 * Crash at every await point, exhaustively, for the redriven fixture (e: two runs, two jobs)
 * and the Map fixture (c: nested steps): the invocation that syncs the finished execution dies
 * at each of its port calls in turn, before the call and after it took effect; after the lease
 * lapses a fresh invocation must leave exactly the expected jobs and steps, all ended. The same
 * for e pushed as its log records (onExecutionLogs). The other fixtures are swept by
 * `npm run test:chaos`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrashPoints } from '../helpers/chaos/crash-points.js';
import type { ChaosEnvironment } from '../helpers/chaos/environment.js';
import { startChaosEnvironment } from '../helpers/chaos/environment.js';
import { captureOutput } from '../helpers/chaos/log-capture.js';
import type { OutputCapture } from '../helpers/chaos/log-capture.js';
import { fixtureStateMachines } from '../helpers/chaos/recordings.js';

describe('crash points', () => {
  let env: ChaosEnvironment;
  let quiet: OutputCapture;

  beforeAll(async () => {
    quiet = captureOutput();
    env = await startChaosEnvironment({ stateMachineArns: fixtureStateMachines() });
  });
  afterAll(async () => {
    await env?.stop();
    quiet?.restore();
  });

  it('recovers from a crash at any port call of the redriven execution e, before or after the call', async () => {
    // Act
    const report = await runCrashPoints(env, ['e'], ['before', 'after']);

    // Assess
    expect(report.violations).toEqual([]);
    expect(report.points).toBeGreaterThan(40);
  }, 120_000);

  it('recovers from a crash right after any call took effect, for the Map execution c', async () => {
    // Act
    const report = await runCrashPoints(env, ['c'], ['after']);

    // Assess
    expect(report.violations).toEqual([]);
    expect(report.points).toBeGreaterThan(30);
  }, 120_000);

  it('log-batches: recovers from a crash at any port call of the push path applying the whole log of e, its status events all lost', async () => {
    // Act
    const report = await runCrashPoints(env, ['e'], ['before', 'after'], 'cpl', 'logs');

    // Assess: the push path applied the records (no history read) in the invocation that died.
    expect(report.violations).toEqual([]);
    expect(report.points).toBeGreaterThan(40);
    expect(report.figures.historyReadsSaved).toBeGreaterThan(0);
    expect(report.figures.lostEvents).toBe(report.figures.statusEvents);
  }, 120_000);
});
