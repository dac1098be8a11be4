/**
 * Action is one oVirt change the planner asks for. Every action names the tracking row
 * (`key`) it is recorded under; src/apply runs them in order: claim → call oVirt → record.
 */
import type { StepType } from './ovirt.js';

export type Action = CreateJob | CreateStep | EndStep | EndJob;

/** CreateJob adds the job of one execution attempt, with a deterministic Correlation-Id. */
export interface CreateJob {
  readonly kind: 'createJob';
  readonly key: string;
  readonly description: string;
  readonly correlationId: string;
  readonly autoCleared: boolean;
}

/** CreateStep adds a step under the job row `jobKey`, or under the step row `parentKey`. */
export interface CreateStep {
  readonly kind: 'createStep';
  readonly key: string;
  readonly jobKey: string;
  readonly parentKey: string | null;
  readonly description: string;
  readonly type: StepType;
}

/** EndStep ends a step as finished (never failed: see DesiredStep). */
export interface EndStep {
  readonly kind: 'endStep';
  readonly key: string;
  readonly jobKey: string;
}

/** EndJob ends a job; the engine closes its still-started steps with the same status. */
export interface EndJob {
  readonly kind: 'endJob';
  readonly key: string;
  readonly succeeded: boolean;
}
