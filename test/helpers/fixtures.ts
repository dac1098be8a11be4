/**
 * Loads the Step Functions history fixtures (test/fixtures/sfn, copies of the shared
 * fixtures) and converts their SDK-shaped events into our narrowed HistoryEvent. The real
 * conversion belongs to the Step Functions adapter; this one only serves the core tests.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HistoryEvent, HistoryEventDetails } from '../../src/model/execution.js';

const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/sfn-recordings/', import.meta.url));

/** SdkHistoryEvent is a GetExecutionHistory event as stored in the fixtures (ISO timestamp). */
export interface SdkHistoryEvent {
  readonly timestamp: string;
  readonly type: string;
  readonly id: number;
  readonly previousEventId: number;
  readonly [member: string]: unknown;
}

/** FixtureName names the five history fixtures. */
export type FixtureName = 'a' | 'b' | 'c' | 'd' | 'e';

/** FixtureExecution tells which execution a history fixture belongs to. */
export interface FixtureExecution {
  readonly files: readonly string[];
  readonly executionArn: string;
  readonly stateMachineName: string;
  readonly executionName: string;
  readonly stateMachineArn: string;
}

const ACCOUNT = 'arn:aws:states:eu-west-1:482913557106';

function execution(files: string[], stateMachine: string, name: string): FixtureExecution {
  return {
    files,
    executionArn: `${ACCOUNT}:execution:${stateMachine}:${name}`,
    stateMachineName: stateMachine,
    executionName: name,
    stateMachineArn: `${ACCOUNT}:stateMachine:${stateMachine}`,
  };
}

/** FIXTURES maps each history fixture to its files (pages in order) and execution. */
export const FIXTURES: Readonly<Record<FixtureName, FixtureExecution>> = {
  a: execution(['history-a-linear-succeeded.json'], 'build-and-deploy', 'checkout-api-main-3f9d2ab'),
  b: execution(['history-b-retry-catch-fail.json'], 'integration-tests', 'it-checkout-api-3f9d2ab-0921'),
  c: execution(
    ['history-c-map-3-iterations.page-1.json', 'history-c-map-3-iterations.page-2.json'],
    'deploy-regions',
    'checkout-api-2025-03-14-3f9d2ab',
  ),
  d: execution(['history-d-parallel-2-branches.json'], 'quality-gates', 'checkout-api-3f9d2ab-pr-1187'),
  e: execution(['history-e-redriven.json'], 'release-pipeline', 'release-2025-03-14-0142'),
};

const DETAIL_FIELDS = [
  'name',
  'error',
  'cause',
  'index',
  'length',
  'mapRunArn',
  'redriveCount',
  'resourceType',
  'resource',
] as const satisfies ReadonlyArray<keyof HistoryEventDetails>;

/** toHistoryEvent keeps the single `*EventDetails` member (minus execution data) as `details`. */
export function toHistoryEvent(event: SdkHistoryEvent): HistoryEvent {
  const member = Object.keys(event).find((key) => key.endsWith('EventDetails'));
  const raw = member === undefined ? undefined : (event[member] as Record<string, unknown>);
  const kept = DETAIL_FIELDS.filter((field) => raw?.[field] !== undefined).map((field) => [field, raw?.[field]]);
  const details = Object.fromEntries(kept) as HistoryEventDetails;
  return {
    id: event.id,
    previousEventId: event.previousEventId,
    timestamp: Date.parse(event.timestamp),
    type: event.type,
    ...(raw === undefined ? {} : { details }),
  };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(FIXTURE_DIR + file, 'utf8'));
}

/** loadHistory returns all events of a history fixture (every page), converted and ascending. */
export function loadHistory(name: FixtureName): HistoryEvent[] {
  return FIXTURES[name].files.flatMap((file) => (readJson(file) as { events: SdkHistoryEvent[] }).events.map(toHistoryEvent));
}

/** loadDefinition returns the ASL definition of a fixture's state machine. */
export function loadDefinition(name: FixtureName): unknown {
  const all = readJson('state-machine-definitions.json') as Record<string, { definition: unknown }>;
  return all[FIXTURES[name].stateMachineArn]?.definition;
}
