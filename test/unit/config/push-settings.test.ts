/**
 * The push path's settings: LOG_BATCH_CONCURRENCY, PUSH_HISTORY_READS_PER_SECOND and PUSH_GAP_WAIT_SECONDS, their
 * documented defaults and their bounds.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { BASE, errorOf } from './support.js';

describe('push path settings', () => {
  it('default to 4 executions at once and 5 history reads per second (25 % of the 20/s quota)', () => {
    expect(loadConfig(BASE)).toMatchObject({ logBatchConcurrency: 4, pushHistoryReadsPerSecond: 5 });
  });

  it('read the values given, 0 reads per second included (every gap left to the sweep)', () => {
    expect(loadConfig({ ...BASE, LOG_BATCH_CONCURRENCY: '16', PUSH_HISTORY_READS_PER_SECOND: '0' })).toMatchObject({
      logBatchConcurrency: 16,
      pushHistoryReadsPerSecond: 0,
    });
  });

  it('hold records after a gap 5 s by default (two log streams are delivered about a second apart), or as given', () => {
    expect(loadConfig(BASE).pushGapWaitSeconds).toBe(5);
    expect(loadConfig({ ...BASE, PUSH_GAP_WAIT_SECONDS: '0' }).pushGapWaitSeconds).toBe(0);
  });

  it.each([
    ['PUSH_GAP_WAIT_SECONDS', '301'],
    ['LOG_BATCH_CONCURRENCY', '0'],
    ['LOG_BATCH_CONCURRENCY', '101'],
    ['PUSH_HISTORY_READS_PER_SECOND', '-1'],
    ['PUSH_HISTORY_READS_PER_SECOND', '2.5'],
  ])('refuses %s=%s, naming the variable and its range', (name, value) => {
    expect(errorOf({ ...BASE, [name]: value }).message).toMatch(new RegExp(`^Configuration ${name}: expected a whole number from`));
  });
});
