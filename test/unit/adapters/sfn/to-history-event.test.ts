/**
 * toHistoryEvent on every event type of the fixtures and on the data-carrying types the
 * fixtures lack: the kept detail fields per type, and never any execution data.
 */
import type { HistoryEvent as SdkHistoryEvent } from '@aws-sdk/client-sfn';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toHistoryEvent } from '../../../../src/adapters/sfn/to-history-event.js';
import { RECORDINGS_DIR } from '../../../../src/local/demo-pipelines/recordings-dir.js';

const sdkEvents: SdkHistoryEvent[] = readdirSync(RECORDINGS_DIR)
  .filter((file) => file.startsWith('history-'))
  .flatMap((file) => {
    const text = readFileSync(`${RECORDINGS_DIR}${file}`, 'utf8');
    return (JSON.parse(text, (k, v: unknown) => (k === 'timestamp' && typeof v === 'string' ? new Date(v) : v)) as { events: SdkHistoryEvent[] }).events;
  });

/** KEPT says which detail fields each fixture event type keeps (undefined: the type has no details member). */
const KEPT: Record<string, string[] | undefined> = {
  ExecutionStarted: [],
  ExecutionSucceeded: [],
  ExecutionFailed: ['cause', 'error'],
  ExecutionRedriven: ['redriveCount'],
  PassStateEntered: ['name'],
  PassStateExited: ['name'],
  TaskStateEntered: ['name'],
  TaskStateExited: ['name'],
  TaskScheduled: ['resource', 'resourceType'],
  TaskStarted: ['resource', 'resourceType'],
  TaskSubmitted: ['resource', 'resourceType'],
  TaskSucceeded: ['resource', 'resourceType'],
  TaskFailed: ['cause', 'error', 'resource', 'resourceType'],
  SucceedStateEntered: ['name'],
  SucceedStateExited: ['name'],
  FailStateEntered: ['name'],
  MapStateEntered: ['name'],
  MapStateStarted: ['length'],
  MapIterationStarted: ['index', 'name'],
  MapIterationSucceeded: ['index', 'name'],
  MapStateSucceeded: undefined,
  MapStateExited: ['name'],
  ParallelStateEntered: ['name'],
  ParallelStateStarted: undefined,
  ParallelStateSucceeded: undefined,
  ParallelStateExited: ['name'],
  WaitStateEntered: ['name'],
  WaitStateExited: ['name'],
  ChoiceStateEntered: ['name'],
  ChoiceStateExited: ['name'],
};
const fixtureTypes = [...new Set(sdkEvents.map((e) => e.type ?? ''))];
const EXECUTION_DATA = /"(input|output|parameters|assignedVariables|taskCredentials|inputDetails|outputDetails|roleArn)"/;

describe('Function: toHistoryEvent', () => {
  it('has an expectation for every event type in the fixtures', () => {
    // Assess
    expect(fixtureTypes.length).toBeGreaterThanOrEqual(30);
    expect(fixtureTypes.filter((type) => !(type in KEPT))).toEqual([]);
  });

  it.each(fixtureTypes)('converts every %s event, keeping only its allowed detail fields', (type) => {
    for (const sdk of sdkEvents.filter((e) => e.type === type)) {
      // Act
      const event = toHistoryEvent(sdk);

      // Assess
      expect(event).toMatchObject({ id: sdk.id, previousEventId: sdk.previousEventId, type, timestamp: sdk.timestamp?.getTime() });
      const kept = KEPT[type];
      expect(event.details === undefined ? undefined : Object.keys(event.details).sort()).toEqual(kept);
      const raw = Object.entries(sdk).find(([key]) => key.endsWith('EventDetails'))?.[1] as Record<string, unknown> | undefined;
      for (const field of kept ?? []) expect(event.details?.[field as keyof typeof event.details]).toBe(raw?.[field]);
      expect(JSON.stringify(event)).not.toMatch(EXECUTION_DATA);
    }
  });

  it.each([
    ['MapRunStarted', { mapRunStartedEventDetails: { mapRunArn: 'arn:aws:states:eu-west-1:1:mapRun:m/l:u' } }, { mapRunArn: 'arn:aws:states:eu-west-1:1:mapRun:m/l:u' }],
    [
      'TaskScheduled',
      { taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region: 'eu-west-1', parameters: '{"secret":"s3cr3t"}', heartbeatInSeconds: 60, taskCredentials: { roleArn: 'arn:aws:iam::1:role/r' } } },
      { resourceType: 'lambda', resource: 'invoke' },
    ],
    ['TaskStateExited', { stateExitedEventDetails: { name: 'Load', output: '{"a":1}', assignedVariables: { token: '"s3cr3t"' }, assignedVariablesDetails: { truncated: false } } }, { name: 'Load' }],
    ['LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: { resource: 'arn:aws:lambda:eu-west-1:1:function:f', input: '{"secret":"s3cr3t"}', taskCredentials: { roleArn: 'r' } } }, { resource: 'arn:aws:lambda:eu-west-1:1:function:f' }],
    ['ActivityStarted', { activityStartedEventDetails: { workerName: 'worker-1' } }, {}],
    ['EvaluationFailed', { evaluationFailedEventDetails: { error: 'States.QueryEvaluationError', cause: 'bad', location: 'Arguments', state: 'Transform' } }, { error: 'States.QueryEvaluationError', cause: 'bad' }],
    ['MapRunRedriven', { mapRunRedrivenEventDetails: { mapRunArn: 'm', redriveCount: 2 } }, { mapRunArn: 'm', redriveCount: 2 }],
  ])('drops execution data from a %s event that the fixtures lack', (type, member, expected) => {
    // Prepare
    const sdk = { id: 9, previousEventId: 8, type, timestamp: new Date('2025-03-14T10:00:00.125Z'), ...member } as SdkHistoryEvent;

    // Act
    const event = toHistoryEvent(sdk);

    // Assess
    expect(event).toEqual({ id: 9, previousEventId: 8, type, timestamp: Date.parse('2025-03-14T10:00:00.125Z'), details: expected });
    expect(JSON.stringify(event)).not.toContain('s3cr3t');
  });
});
