/**
 * parseStatusChange validates an EventBridge "Step Functions Execution Status Change" event
 * and returns the only things the level-triggered reconciler takes from it: which execution
 * to look at, and which state machine it belongs to (for the allow-list). Everything else
 * (status, dates, input/output) is re-read from Step Functions, because events are
 * best-effort, unordered and duplicated.
 */
import * as z from 'zod';
import { EventValidationError } from '../errors.js';
import { stateMachineOf } from '../model/execution-arn.js';

const EXECUTION_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:execution:[^:\s]{1,256}:[^:\s]{1,80}$/;
/** isExecutionArn says whether `value` has the shape of a Step Functions execution ARN. */
export function isExecutionArn(value: string): boolean {
  return value.length <= 2048 && EXECUTION_ARN.test(value);
}
const STATE_MACHINE_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]{1,256}(:[^:\s]{1,80})?$/;

const schema = z.object({
  source: z.literal('aws.states'),
  'detail-type': z.literal('Step Functions Execution Status Change'),
  id: z.string().max(256).optional(),
  detail: z.object({
    executionArn: z.string().max(2048).regex(EXECUTION_ARN, 'not a Step Functions execution ARN'),
    stateMachineArn: z.string().max(2048).regex(STATE_MACHINE_ARN, 'not a Step Functions state machine ARN'),
    name: z.string().max(256).optional(),
    status: z.string().max(64),
    redriveCount: z.number().int().min(0).nullish(),
  }),
});

/** StatusChangeRequest is what the reconciler needs from one event. */
export interface StatusChangeRequest {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly status: string;
  readonly eventId?: string | undefined;
}

/** parseStatusChange throws EventValidationError (never retried usefully; it ends in the DLQ) when the event is not one. */
export function parseStatusChange(event: unknown): StatusChangeRequest {
  const result = schema.safeParse(event);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
    throw new EventValidationError(
      `Rejected an event that is not a valid "Step Functions Execution Status Change" from aws.states (${issues
        .slice(0, 5)
        .join('; ')}). Check the EventBridge rule's pattern; the event was not sent to oVirt.`,
      issues,
    );
  }
  const { detail, id } = result.data;
  // The allow-list is applied to stateMachineArn, so it must be the execution's own state machine.
  const owner = stateMachineOf(detail.executionArn);
  if (detail.stateMachineArn.split(':').slice(0, 7).join(':') !== owner) {
    const issue = `detail.stateMachineArn: is not the state machine of detail.executionArn (${owner})`;
    throw new EventValidationError(
      `Rejected an event that is not a valid "Step Functions Execution Status Change" from aws.states (${issue}). ` +
        'Check the EventBridge rule\'s pattern and whoever sent the event; the event was not sent to oVirt.',
      [issue],
    );
  }
  return { executionArn: detail.executionArn, stateMachineArn: detail.stateMachineArn, status: detail.status, eventId: id };
}
