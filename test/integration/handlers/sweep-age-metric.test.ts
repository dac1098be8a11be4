/**
 * The sweep handler emits each run's oldestDueAgeSeconds as the EMF metric the "executions
 * pending too long" alarm watches, with the unit Seconds.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OLDEST_DUE_AGE_METRIC } from '../../../src/runtime/telemetry.js';
import { startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';

describe('sweep handler: the oldest due execution age metric', () => {
  let parts: LocalParts | undefined;
  afterEach(async () => {
    await parts?.stop();
  });

  it('adds OldestDueExecutionAgeSeconds (Seconds) with the run report figure', async () => {
    // Prepare
    parts = await startLocalParts();
    const added = vi.spyOn(parts.runtime.metrics, 'addMetric');

    // Act
    const report = await parts.sweep();

    // Assess
    expect(added).toHaveBeenCalledWith(OLDEST_DUE_AGE_METRIC, 'Seconds', report.oldestDueAgeSeconds);
  });
});
