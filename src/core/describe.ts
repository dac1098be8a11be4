/**
 * Descriptions of jobs and steps: the words a user reads in the oVirt task monitor. Step
 * descriptions are immutable in oVirt and identify a step among its siblings after a crash,
 * so sibling descriptions are unique by construction (visit numbers, attempt numbers,
 * iteration indexes, branch positions) and never show raw ids.
 */
import type { MapRunSummary } from '../model/execution.js';
import type { MappingConfig } from '../model/mapping.js';
import type { IterationCounts, RunInfo, StateVisit } from '../model/tree.js';
import { failureText, printable, truncate, uniqueCut, withSuffix } from './text.js';

/** JobNaming is what a job description is made of. */
export interface JobNaming {
  readonly stateMachineName: string;
  readonly executionName: string;
  readonly mapping: MappingConfig;
}

/** jobDescription fills the template; ` (redrive n)` marks run n > 0 unless the template shows `{redrive}`. */
export function jobDescription(naming: JobNaming, run: number): string {
  const template = naming.mapping.jobDescriptionTemplate;
  const filled = printable(
    template.replaceAll('{stateMachine}', naming.stateMachineName).replaceAll('{execution}', naming.executionName).replaceAll('{redrive}', String(run)),
  );
  // oVirt refuses a blank description.
  const base = filled.trim() === '' ? printable(`${naming.stateMachineName} › ${naming.executionName}`) : filled;
  const suffix = run > 0 && !template.includes('{redrive}') ? ` (redrive ${run})` : '';
  return withSuffix(base, suffix, naming.mapping.descriptionMaxLength);
}

const attemptSuffix = (attempt: number): string => (attempt > 1 ? ` (attempt ${attempt})` : '');

/** visitDescription is the state name, with ` (visit n)` from the second visit of that state in its container on. */
export function visitDescription(visit: StateVisit, max: number): string {
  const clean = printable(visit.name);
  const name = clean.trim() === '' ? `${visit.stateType} state` : clean;
  return uniqueCut(name, visit.ordinal > 1 ? ` (visit ${visit.ordinal})` : '', max);
}

/** iterationDescription: `Iteration <index>` (0-based, as AWS shows it), ` (attempt k)` for Map attempts k > 1. */
export const iterationDescription = (index: number, attempt: number): string =>
  `Iteration ${index}${attemptSuffix(attempt)}`;

/**
 * branchDescription: `Branch <k>: <StartAt>` with k the 1-based position in the definition's
 * `Branches`; `Branch: <first state>` when the definition is unknown (` (n)` for the n-th
 * branch starting with the same state).
 */
export function branchDescription(
  branch: { firstState: string; attempt: number },
  position: number | null,
  sameStartBefore: number,
  max: number,
): string {
  const first = printable(branch.firstState);
  const base = position === null ? `Branch: ${first}` : `Branch ${position}: ${first}`;
  const repeat = position === null && sameStartBefore > 0 ? ` (${sameStartBefore + 1})` : '';
  return uniqueCut(base, `${repeat}${attemptSuffix(branch.attempt)}`, max);
}

/** summaryDescription names the summary step of iterations past the cap. */
export function summaryDescription(cap: number, length: number | null, attempt: number): string {
  const range =
    length === null ? `Iterations ${cap} and later` : length - 1 > cap ? `Iterations ${cap}–${length - 1}` : `Iteration ${cap}`;
  return `${range} (summarised)${attemptSuffix(attempt)}`;
}

/** countsDescription gives the final counts of all iterations of a Map attempt. */
export function countsDescription(counts: IterationCounts, length: number | null): string {
  const total = length ?? counts.succeeded + counts.failed + counts.aborted + counts.running;
  return `All ${total} iterations: ${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.aborted} aborted`;
}

/** mapRunDescription summarises a Distributed Map run from DescribeMapRun's item counts. */
export function mapRunDescription(summary: MapRunSummary, attempt: number, max: number): string {
  const items = summary.itemCounts;
  const count = (key: string): number => items[key] ?? 0;
  const extra = (['timedOut', 'aborted', 'pending', 'running'] as const)
    .filter((key) => count(key) > 0)
    .map((key) => `, ${count(key)} ${key === 'timedOut' ? 'timed out' : key}`)
    .join('');
  const text = `Map run: ${count('total')} items — ${count('succeeded')} succeeded, ${count('failed')} failed${extra}`;
  return truncate(`${text}${attemptSuffix(attempt)}`, max);
}

/** retriedAttemptNote: `Attempt <k> failed — <error>: <cause>`. */
export function retriedAttemptNote(attempt: number, text: string, max: number): string {
  return truncate(text === '' ? `Attempt ${attempt} failed` : `Attempt ${attempt} failed — ${text}`, max);
}

/** caughtNote: `Caught <error>: <cause>`. */
export const caughtNote = (text: string, max: number): string => truncate(`Caught ${text === '' ? 'error' : text}`, max);

/** reasonNote: `<error>: <cause>` of a failed visit (`Failed` when nothing was reported). */
export const reasonNote = (text: string, max: number): string => truncate(text === '' ? 'Failed' : text, max);

/** runReasonNote says why a run ended badly when no visit carries the reason. */
export function runReasonNote(run: RunInfo, max: number): string {
  const text = failureText({ error: run.error ?? '', cause: run.cause ?? '' });
  const label = run.status === 'TIMED_OUT' ? 'Timed out' : run.status === 'ABORTED' ? 'Aborted' : 'Failed';
  return truncate(text === '' ? label : `${label}: ${text}`, max);
}
