/**
 * Recordings for chaos schedules: the shared fixtures (a–e), each played under a fresh
 * execution name so that every schedule has its own ARNs in the shared simulator, table and
 * stub, with event times moved to "now" on the virtual clock (an execution that ended months
 * ago would fall outside the tracking retention and rightly not be mirrored at all).
 */
import type { SdkHistoryEvent, SfnRecording } from '../../../src/local/sfn-stub/index.js';
import { fixtureRecordings } from '../fixtures.js';
import type { FixtureName } from '../fixtures.js';
import { GENERATED_STATE_MACHINE, generatedRecording } from './generated-pipeline.js';
import type { Pipeline } from './generated-pipeline.js';

export { FIXTURE_NAMES, fixtureRecordings } from '../fixtures.js';
export type { FixtureName } from '../fixtures.js';

/** fixtureStateMachines lists the state machine ARNs of the fixtures. */
export function fixtureStateMachines(): string[] {
  return [...new Set([...fixtureRecordings().values()].map((rec) => rec.description.stateMachineArn))];
}

/** chaosStateMachines is the chaos allow-list: the fixtures' state machines and the generated one. */
export function chaosStateMachines(): string[] {
  return [...fixtureStateMachines(), GENERATED_STATE_MACHINE];
}

/**
 * recordingOf returns what a schedule plays for one execution: a fixture under a fresh name, or
 * a generated pipeline, named `<template>-<suffix>` with its first event at `startMs`.
 */
export function recordingOf(plan: { readonly fixture: FixtureName | 'generated'; readonly pipeline?: Pipeline | undefined }, suffix: string, startMs: number): SfnRecording {
  if (plan.fixture === 'generated') {
    if (plan.pipeline === undefined) throw new Error('A generated execution plan needs its pipeline.');
    return generatedRecording(plan.pipeline, `gen-${suffix}`, startMs);
  }
  const template = fixtureRecordings().get(plan.fixture);
  if (template === undefined) throw new Error(`No fixture recording "${plan.fixture}".`);
  return freshRecording(template, suffix, startMs);
}

const epochMs = (value: string | number | Date): number =>
  typeof value === 'number' ? value : value instanceof Date ? value.getTime() : Date.parse(value);

/**
 * freshRecording returns `template` renamed to `<name>-<suffix>` (same state machine and
 * definition) with its first event at `startMs` and the others at the same offsets as before.
 */
export function freshRecording(template: SfnRecording, suffix: string, startMs: number): SfnRecording {
  const d = template.description;
  const name = `${d.name.slice(0, 60)}-${suffix}`.slice(0, 80);
  const executionArn = `${d.executionArn.slice(0, d.executionArn.lastIndexOf(':'))}:${name}`;
  const first = template.events[0];
  const shift = first === undefined ? 0 : startMs - epochMs(first.timestamp);
  const events: SdkHistoryEvent[] = template.events.map((event) => ({ ...event, timestamp: epochMs(event.timestamp) + shift }));
  return { ...template, description: { ...d, executionArn, name, startDate: startMs }, events };
}

/**
 * statusCuts lists the event counts after which the execution's status changes (the first
 * event, every terminal event, every ExecutionRedriven): revealing up to one of these emits a
 * status change event.
 */
export function statusCuts(recording: SfnRecording): number[] {
  const cuts: number[] = [];
  recording.events.forEach((event, i) => {
    if (i === 0 || /^Execution(Succeeded|Failed|TimedOut|Aborted|Redriven)$/.test(event.type)) cuts.push(i + 1);
  });
  return cuts;
}
