/**
 * Typed decoders for the three request bodies: job (add), step (add) and action (end,
 * clear). They read only what the engine reads, but still type-check the other fields the
 * engine's schema knows, because the real unmarshaller rejects e.g. a bad `status` enum even
 * though the value is then ignored.
 */
import type { StepType } from '../../model/ovirt.js';
import { ScalarReader } from './scalars.js';
import { parseBody } from './body-input.js';
import type { BodyFormat } from './body-input.js';

/** STEP_TYPES is the `StepEnum` in the model's order (used in the invalid-value message). */
export const STEP_TYPES: readonly StepType[] = ['validating', 'executing', 'finalizing', 'rebalancing_volume', 'removing_bricks', 'unknown'];
const STATUSES = ['started', 'finished', 'failed', 'aborted', 'unknown'] as const;
const EXTERNAL_SYSTEM_TYPES = ['vdsm', 'gluster'] as const;

/** JobInput is what `POST /jobs` reads. */
export interface JobInput {
  description?: string | undefined;
  autoCleared?: boolean | undefined;
}

/** StepInput is what `POST /jobs/{id}/steps` reads; `parentStep` is present when the element is. */
export interface StepInput {
  description?: string | undefined;
  type?: StepType | undefined;
  parentStep?: { id?: string | undefined } | undefined;
}

/** ActionInput is an action body: the parameters the engine reads, echoed in the response. */
export interface ActionInput {
  async?: boolean | undefined;
  force?: boolean | undefined;
  gracePeriodExpiry?: number | undefined;
  hasGracePeriod: boolean;
  succeeded?: boolean | undefined;
}

/** decodeJob parses and type-checks a job body. */
export function decodeJob(text: string, format: BodyFormat): JobInput {
  const job = new ScalarReader(parseBody(text, format, 'job'), format);
  job.bool('external');
  job.enumValue('status', 'JobStatus', STATUSES);
  return { description: job.text('description'), autoCleared: job.bool('auto_cleared') };
}

/** decodeStep parses and type-checks a step body. */
export function decodeStep(text: string, format: BodyFormat): StepInput {
  const step = new ScalarReader(parseBody(text, format, 'step'), format);
  const type = step.enumValue('type', 'StepEnum', STEP_TYPES);
  step.enumValue('status', 'StepStatus', STATUSES);
  step.enumValue('external_type', 'ExternalSystemType', EXTERNAL_SYSTEM_TYPES);
  step.bool('external');
  step.integer('number', 32);
  step.integer('progress', 32);
  const parent = step.child('parent_step');
  return {
    description: step.text('description'),
    type,
    parentStep: parent === undefined ? undefined : { id: parent.text('id') },
  };
}

/** decodeAction parses and type-checks an action body. */
export function decodeAction(text: string, format: BodyFormat): ActionInput {
  const action = new ScalarReader(parseBody(text, format, 'action'), format);
  const grace = action.child('grace_period');
  return {
    async: action.bool('async'),
    force: action.bool('force'),
    gracePeriodExpiry: grace?.integer('expiry', 64),
    hasGracePeriod: grace !== undefined,
    succeeded: action.bool('succeeded'),
  };
}
