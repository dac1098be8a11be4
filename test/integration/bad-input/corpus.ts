/**
 * The bad-input corpus: malformed and hostile EventBridge events, each with the result the
 * product documents for it.
 *
 * | expect     | meaning                                                                         |
 * | ---------- | ------------------------------------------------------------------------------- |
 * | `rejected` | EventValidationError (not retryable) before any call; ends in the DLQ            |
 * | `terminal` | well-formed, but Step Functions has no such execution: TerminalReconcileError    |
 * | `ignored`  | a state machine the product does not mirror: converged, nothing done             |
 *
 * Events that are accepted and mirrored (special characters, huge payloads, unknown statuses)
 * are in names-in-task-monitor.test.ts and accepted-events.test.ts, where the result in oVirt is checked.
 */
import { ACCOUNT_PREFIX, executionArnOf, MACHINE, validEvent, withDetail, withEnvelope } from './base-event.js';

/** BadInput is one corpus entry. */
export interface BadInput {
  readonly name: string;
  readonly event: unknown;
  readonly expect: 'rejected' | 'terminal' | 'ignored';
}

const rejected = (name: string, event: unknown): BadInput => ({ name, event, expect: 'rejected' });
const terminal = (name: string, event: unknown): BadInput => ({ name, event, expect: 'terminal' });

const LONG_NAME = 'x'.repeat(10_000);

/** ENVELOPE_CASES break the event around its detail. */
export const ENVELOPE_CASES: readonly BadInput[] = [
  rejected('null event', null),
  rejected('a string event', 'Step Functions Execution Status Change'),
  rejected('a number event', 42),
  rejected('an array event', [validEvent()]),
  rejected('an empty object', {}),
  rejected('the event as a JSON string', JSON.stringify(validEvent())),
  rejected('wrong detail-type (state machine change)', withEnvelope({ 'detail-type': 'Step Functions State Machine Status Change' })),
  rejected('detail-type missing', withEnvelope({ 'detail-type': undefined })),
  rejected('detail-type in lower case', withEnvelope({ 'detail-type': 'step functions execution status change' })),
  rejected('detail-type with a trailing space', withEnvelope({ 'detail-type': 'Step Functions Execution Status Change ' })),
  rejected('detail-type as an array', withEnvelope({ 'detail-type': ['Step Functions Execution Status Change'] })),
  rejected('source of another service', withEnvelope({ source: 'aws.codepipeline' })),
  rejected('source missing', withEnvelope({ source: undefined })),
  rejected('source as an array', withEnvelope({ source: ['aws.states'] })),
  rejected('detail missing', withEnvelope({ detail: undefined })),
  rejected('detail null', withEnvelope({ detail: null })),
  rejected('detail as a JSON string', withEnvelope({ detail: JSON.stringify(validEvent()['detail']) })),
  rejected('detail as an array', withEnvelope({ detail: [validEvent()['detail']] })),
  rejected('event id of 1,000 characters', withEnvelope({ id: 'e'.repeat(1000) })),
  rejected('event id as a number', withEnvelope({ id: 12345 })),
];

/** DETAIL_CASES break one field of the detail. */
export const DETAIL_CASES: readonly BadInput[] = [
  rejected('executionArn missing', withDetail({ executionArn: undefined })),
  rejected('executionArn null', withDetail({ executionArn: null })),
  rejected('executionArn as a number', withDetail({ executionArn: 123 })),
  rejected('executionArn empty', withDetail({ executionArn: '' })),
  rejected('executionArn not an ARN', withDetail({ executionArn: 'checkout-api-main-3f9d2ab' })),
  rejected('executionArn of a Lambda function', withDetail({ executionArn: 'arn:aws:lambda:eu-west-1:482913557106:function:deploy' })),
  rejected('executionArn that is a state machine ARN', withDetail({ executionArn: MACHINE })),
  rejected('executionArn with a space in the name', withDetail({ executionArn: executionArnOf('two words') })),
  rejected('executionArn with a newline', withDetail({ executionArn: executionArnOf('line\nbreak') })),
  rejected('executionArn with a tab', withDetail({ executionArn: executionArnOf('tab\there') })),
  rejected('executionArn with a 10,000-character name', withDetail({ executionArn: executionArnOf(LONG_NAME) })),
  rejected('executionArn with an extra segment', withDetail({ executionArn: `${executionArnOf('run-1')}:extra` })),
  rejected('executionArn with an invalid region', withDetail({ executionArn: 'arn:aws:states:EU_WEST:482913557106:execution:m:n' })),
  rejected('executionArn with an 11-digit account', withDetail({ executionArn: 'arn:aws:states:eu-west-1:48291355710:execution:m:n' })),
  rejected('executionArn in upper case', withDetail({ executionArn: executionArnOf('run-1').toUpperCase() })),
  rejected('executionArn of 3,000 characters', withDetail({ executionArn: `${ACCOUNT_PREFIX}:execution:${'m'.repeat(2900)}:n` })),
  rejected('stateMachineArn missing', withDetail({ stateMachineArn: undefined })),
  rejected('stateMachineArn not an ARN', withDetail({ stateMachineArn: 'build-and-deploy' })),
  rejected('stateMachineArn that is an execution ARN', withDetail({ stateMachineArn: executionArnOf('run-1') })),
  rejected('stateMachineArn with a 10,000-character name', withDetail({ stateMachineArn: `${ACCOUNT_PREFIX}:stateMachine:${LONG_NAME}` })),
  rejected('status missing', withDetail({ status: undefined })),
  rejected('status as a number', withDetail({ status: 1 })),
  rejected('status null', withDetail({ status: null })),
  rejected('status of 100 characters', withDetail({ status: 'R'.repeat(100) })),
  rejected('redriveCount negative', withDetail({ redriveCount: -1 })),
  rejected('redriveCount as a string', withDetail({ redriveCount: '1' })),
  rejected('redriveCount not an integer', withDetail({ redriveCount: 1.5 })),
  rejected('name of 10,000 characters', withDetail({ name: LONG_NAME })),
  rejected('name as a number', withDetail({ name: 7 })),
  rejected('executionArn of a state machine outside the allow-list, disguised by an allow-listed stateMachineArn', withDetail({ executionArn: executionArnOf('run-1', 'payroll-export') })),
];

/** WELL_FORMED_CASES pass validation but must not reach oVirt. */
export const WELL_FORMED_CASES: readonly BadInput[] = [
  terminal('an execution Step Functions does not have', validEvent('never-started-anywhere')),
  terminal('an execution name with a control character (BEL)', withDetail({ executionArn: executionArnOf('bell\u0007run') })),
  terminal('an execution name with a lone surrogate (invalid UTF-8 once encoded)', withDetail({ executionArn: executionArnOf('half\uD800pair') })),
  terminal('an execution name with percent-escapes', withDetail({ executionArn: executionArnOf('run%2F..%2Fadmin') })),
  terminal('an execution name with markup', withDetail({ executionArn: executionArnOf('<script>alert(1)</script>') })),
  terminal('a prototype-pollution key in the detail', JSON.parse(JSON.stringify(validEvent('pollute')).replace('"detail":{', '"detail":{"__proto__":{"polluted":true},'))),
  terminal('an unknown status', validEvent('missing-with-odd-status', { status: 'EXPLODED' })),
  terminal('an archive replay (replay-name) of a missing execution', { ...validEvent('replayed-missing'), 'replay-name': 'replay-2025-03-14' }),
  { name: 'a state machine outside the allow-list', event: withDetail({ executionArn: executionArnOf('run-1', 'payroll-export'), stateMachineArn: `${ACCOUNT_PREFIX}:stateMachine:payroll-export` }), expect: 'ignored' },
  { name: 'a Distributed Map child execution (children not mirrored)', event: withDetail({ executionArn: executionArnOf('child-7', 'build-and-deploy/map-label'), stateMachineArn: `${MACHINE}/map-label` }), expect: 'ignored' },
];

/** BAD_INPUTS is the whole corpus of this file. */
export const BAD_INPUTS: readonly BadInput[] = [...ENVELOPE_CASES, ...DETAIL_CASES, ...WELL_FORMED_CASES];
