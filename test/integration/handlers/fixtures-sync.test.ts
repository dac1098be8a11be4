/**
 * The real onExecutionEvent handler with dynalite, the engine simulator (TLS) and the Step
 * Functions stub, for every shared fixture: the oVirt tree is exactly what the mapping rules
 * say, whatever the order and duplication of events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderExternalJobs } from '../../helpers/ovirt-tree.js';
import { startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { EXPECTED_TREES } from './expected-trees.js';
import { Clock, FIXTURES, revealAll, scenarioOf } from './support.js';

describe('onExecutionEvent over the shared fixtures', () => {
  let parts: LocalParts | undefined;
  afterEach(async () => {
    await parts?.stop();
    parts = undefined;
  });

  it.each(FIXTURES.map((rec) => [scenarioOf(rec), rec] as const))('fixture %s: the oVirt tree follows the mapping rules', async (letter, rec) => {
    // Prepare
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const events = revealAll(parts.sfn, rec);

    // Act
    const outcomes = [];
    for (const event of events) outcomes.push(await parts.onEvent(event));

    // Assess
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES[letter]);
    expect(outcomes.at(-1)).toMatchObject({ kind: 'converged' });
  });

  it.each(FIXTURES.map((rec) => [scenarioOf(rec), rec] as const))(
    'fixture %s: every event twice, in reverse order, gives the identical tree and no extra oVirt write',
    async (letter, rec) => {
      // Prepare
      const clock = new Clock();
      parts = await startLocalParts({ overrides: { now: clock.now } });
      const events = revealAll(parts.sfn, rec);
      const deliveries = [...events].reverse().flatMap((event) => [event, event]);

      // Act
      for (const event of deliveries) await parts.onEvent(event);
      const writesAfter = writes(parts);
      await parts.onEvent(events[0]);

      // Assess
      expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES[letter]);
      expect(writes(parts)).toBe(writesAfter);
    },
  );

  it('fixture c: one full sync costs the calls the closing note reports', async () => {
    // Prepare
    const clock = new Clock();
    parts = await startLocalParts({ overrides: { now: clock.now } });
    const rec = FIXTURES.find((r) => scenarioOf(r) === 'c')!;
    const [running, succeeded] = revealAll(parts.sfn, rec);
    parts.engine.resetStats();
    parts.sfn.resetStats();

    // Act
    await parts.onEvent(succeeded);
    const ovirt = parts.engine.stats();
    const sfn = parts.sfn.stats();
    await parts.onEvent(running);

    // Assess: 1 job + 12 steps created, the job ended (its cascade closes the steps), one login.
    expect(ovirt.byRoute['POST /jobs']).toBe(1);
    expect(ovirt.byRoute['POST /jobs/{id}/steps']).toBe(12);
    expect(ovirt.byRoute['POST /jobs/{id}/end']).toBe(1);
    expect(ovirt.byRoute['POST /jobs/{id}/steps/{id}/end'] ?? 0).toBe(0);
    expect(sfn.calls.GetExecutionHistory).toBe(1);
    expect(sfn.calls.DescribeExecution).toBe(1);
    console.info(`fixture c full sync: oVirt ${JSON.stringify(ovirt.byRoute)}; Step Functions ${JSON.stringify(sfn.calls)}`);
  });
});

/** writes counts the oVirt requests that change something. */
function writes(parts: LocalParts): number {
  const routes = parts.engine.stats().byRoute;
  return Object.entries(routes)
    .filter(([route]) => route.startsWith('POST /jobs'))
    .reduce((sum, [, n]) => sum + n, 0);
}
