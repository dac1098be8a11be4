/**
 * convergenceIssues checks the end state a scenario must leave in the engine (its counts mean
 * nothing otherwise): per execution, one job found by its Correlation-Id, ended as desired,
 * holding exactly the desired number of steps, none of them still started.
 */
import type { OvirtEngineSimulator } from '../../src/local/ovirt-engine/index.js';
import type { SfnRecording } from '../../src/local/sfn-stub/index.js';
import type { MappingConfig } from '../../src/model/mapping.js';
import { desiredAt } from './minimum.js';

/** convergenceIssues returns what is wrong, at most `limit` lines; empty when everything converged. */
export function convergenceIssues(
  engine: OvirtEngineSimulator,
  recordings: readonly SfnRecording[],
  mapping: MappingConfig,
  limit = 5,
): string[] {
  const issues: string[] = [];
  for (const recording of recordings) {
    const desired = desiredAt(recording, recording.events.length, mapping);
    for (const job of desired.jobs) {
      const found = engine.state.findByCorrelationId(job.correlationId);
      const name = recording.description.name;
      if (found.length !== 1) {
        issues.push(`${name}: ${found.length} jobs with its Correlation-Id, expected 1`);
        continue;
      }
      const [actual] = found;
      if (actual === undefined) continue;
      const steps = engine.state.steps(actual.id);
      const expected = desired.steps.filter((step) => step.jobKey === job.key).length;
      if (actual.status !== (job.end ?? 'started')) issues.push(`${name}: job is ${actual.status}, expected ${job.end ?? 'started'}`);
      if (steps.length !== expected) issues.push(`${name}: ${steps.length} steps, expected ${expected}`);
      const started = steps.filter((step) => step.status === 'started').length;
      if (job.end !== null && started > 0) issues.push(`${name}: ${started} steps still started in an ended job`);
    }
    if (issues.length >= limit) break;
  }
  return issues.slice(0, limit);
}
