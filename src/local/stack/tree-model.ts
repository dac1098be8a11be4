/**
 * The oVirt tree as the local stack shows and checks it: jobs with their steps nested by
 * parent, as read from the engine's REST API. Expected trees (the demo catalogue) use the
 * same shape without ids, so one renderer and one comparison serve both.
 */
import type { OvirtStatus } from '../../model/ovirt.js';

/** TreeStatus is a job or step status as the engine reports it. */
export type TreeStatus = OvirtStatus;

/** ExpectedStep is one step of an expected tree: its description, final status and children. */
export interface ExpectedStep {
  readonly description: string;
  readonly status: TreeStatus;
  readonly steps: readonly ExpectedStep[];
}

/** ExpectedJob is one job of an expected tree. */
export interface ExpectedJob {
  readonly description: string;
  readonly status: TreeStatus;
  readonly steps: readonly ExpectedStep[];
}

/** ObservedStep is a step read from the engine; siblings are in the engine's `number` order. */
export interface ObservedStep extends ExpectedStep {
  readonly id: string;
  readonly steps: readonly ObservedStep[];
}

/** ObservedJob is a job read from the engine with its step tree. */
export interface ObservedJob extends ExpectedJob {
  readonly id: string;
  /** Epoch ms; undefined when the engine did not say. */
  readonly startTime?: number | undefined;
  readonly steps: readonly ObservedStep[];
}

/**
 * job builds an expected job (the catalogue's shorthand).
 * @example job('release-train › release-2.4.0', 'finished', [step('ValidateRelease', 'finished')])
 */
export function job(description: string, status: TreeStatus, steps: readonly ExpectedStep[] = []): ExpectedJob {
  return { description, status, steps };
}

/** step builds an expected step (the catalogue's shorthand). */
export function step(description: string, status: TreeStatus, steps: readonly ExpectedStep[] = []): ExpectedStep {
  return { description, status, steps };
}
