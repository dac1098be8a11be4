/**
 * createSfnHistoryReader implements the HistoryReader port over `@aws-sdk/client-sfn`. It only
 * translates: every call passes the request's AbortSignal, every failure is classified by
 * toSfnError, and execution data (input/output) is never kept.
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineForExecutionCommand,
} from '@aws-sdk/client-sfn';
import { StepFunctionsError } from '../../errors.js';
import type { MapRunSummary, StateMachineDefinition } from '../../model/execution.js';
import type { HistoryReader } from '../../ports.js';
import { DefinitionCache } from './definition-cache.js';
import type { SfnCall } from './errors.js';
import { toSfnError } from './errors.js';
import { listExecutions } from './list-executions.js';
import { readEventsAfter } from './read-events-after.js';
import { readHistoryPage } from './read-page.js';
import { toExecutionDescription } from './to-execution-description.js';

/** SfnReaderLog is the part of a structured logger the reader uses (the project's Log fits). */
export interface SfnReaderLog {
  debug(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}

/** SfnHistoryReaderOptions: the SDK client, an optional logger, the history page size. */
export interface SfnHistoryReaderOptions {
  readonly client: SFNClient;
  readonly logger?: SfnReaderLog | undefined;
  /** maxResults of each GetExecutionHistory page (1..1000). @default 1000 */
  readonly pageSize?: number | undefined;
  /** A cache shared between readers (e.g. across warm invocations). @default a new DefinitionCache */
  readonly definitionCache?: DefinitionCache | undefined;
}

/**
 * createSfnHistoryReader returns a HistoryReader backed by Step Functions.
 * @example
 * const reader = createSfnHistoryReader({ client: createSfnClient({ region: 'eu-west-1' }) });
 * const events = await reader.readEventsAfter(executionArn, meta.cursor, signal);
 */
export function createSfnHistoryReader(options: SfnHistoryReaderOptions): HistoryReader {
  const { client, logger } = options;
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new RangeError(`pageSize must be an integer from 1 to 1000, not ${pageSize}.`);
  }
  const cache = options.definitionCache ?? new DefinitionCache();
  return {
    describeExecution: (executionArn, signal) =>
      guard({ operation: 'DescribeExecution', arn: executionArn }, async () =>
        toExecutionDescription(await client.send(new DescribeExecutionCommand({ executionArn }), { abortSignal: signal })),
      ),
    readEventsAfter: async (executionArn, afterEventId, signal) => {
      const events = await readEventsAfter(client, executionArn, afterEventId, {
        pageSize,
        signal,
        onRestart: (pagesRead) => logger?.warn('History paging token was refused; reading again from the newest event', { executionArn, pagesRead }),
      });
      logger?.debug('Read new history events', { executionArn, afterEventId, count: events.length });
      return events;
    },
    readPage: (executionArn, token, signal) => readHistoryPage(client, executionArn, token, { pageSize, signal }),
    describeDefinition: (executionArn, signal) => describeDefinition(client, cache, executionArn, signal),
    describeMapRun: (mapRunArn, signal) =>
      guard({ operation: 'DescribeMapRun', arn: mapRunArn }, async () =>
        toMapRunSummary(mapRunArn, await client.send(new DescribeMapRunCommand({ mapRunArn }), { abortSignal: signal })),
      ),
    listRunning: (stateMachineArn, limit, signal) => listRunning(client, stateMachineArn, limit, signal),
  };
}

/** guard runs one SDK call and classifies its failure. */
async function guard<T>(call: SfnCall, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toSfnError(error, call);
  }
}

/** describeDefinition: no call for an execution seen before; no parse for a revision seen before. */
async function describeDefinition(client: SFNClient, cache: DefinitionCache, executionArn: string, signal?: AbortSignal): Promise<StateMachineDefinition> {
  const known = cache.forExecution(executionArn);
  if (known !== undefined) return known;
  const call = { operation: 'DescribeStateMachineForExecution', arn: executionArn };
  const output = await guard(call, () => client.send(new DescribeStateMachineForExecutionCommand({ executionArn }), { abortSignal: signal }));
  const definition = cache.forRevision(output.revisionId) ?? parseDefinition(output.definition, output.revisionId, call);
  cache.remember(executionArn, definition);
  return definition;
}

/** listRunning pages ListExecutions (statusFilter RUNNING, newest first) until `limit` ARNs. */
async function listRunning(client: SFNClient, stateMachineArn: string, limit: number, signal?: AbortSignal): Promise<string[]> {
  const arns: string[] = [];
  if (limit <= 0) return arns;
  for await (const page of listExecutions(client, stateMachineArn, { statusFilter: 'RUNNING', pageSize: limit, signal })) {
    arns.push(...page.map((item) => item.executionArn));
    if (arns.length >= limit) break;
  }
  return arns.slice(0, limit);
}

function parseDefinition(text: string | undefined, revisionId: string | undefined, call: SfnCall): StateMachineDefinition {
  try {
    return { revisionId, definition: JSON.parse(text ?? '') as unknown };
  } catch (error) {
    throw new StepFunctionsError(
      `Step Functions ${call.operation} for ${call.arn} returned a definition that is not JSON. Check the state machine's definition; retrying will not help.`,
      'InvalidDefinition',
      { cause: error, retryable: false },
    );
  }
}

function toMapRunSummary(mapRunArn: string, output: { status?: string; itemCounts?: object; executionCounts?: object }): MapRunSummary {
  const numbers = (counts: object | undefined): Record<string, number> =>
    Object.fromEntries(Object.entries(counts ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  return {
    mapRunArn,
    status: output.status ?? 'RUNNING',
    itemCounts: numbers(output.itemCounts),
    executionCounts: numbers(output.executionCounts),
  };
}
