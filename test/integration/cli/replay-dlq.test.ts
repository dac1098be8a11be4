/**
 * replay-dlq against the real parts: the onExecutionEvent handler run in-process by the command
 * (its own runtime from the environment, as an operator's shell gives it), dynalite, the engine
 * simulator, the Step Functions stub, and the SQS stub as the dead-letter queue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliCommand, ExitCode, Output, Progress } from '../../../src/cli/command.js';
import { ExitCode as Exit, UsageError } from '../../../src/cli/command.js';
import { replayDlqCommand } from '../../../src/cli/commands/replay-dlq.js';
import { startSqsStub } from '../../../src/local/sqs-stub/index.js';
import type { SqsStub } from '../../../src/local/sqs-stub/index.js';
import type { SfnStatusChangeEvent } from '../../../src/local/sfn-stub/index.js';
import { localPartsEnv, startLocalParts } from '../../helpers/local-parts.js';
import type { LocalParts } from '../../helpers/local-parts.js';
import { renderExternalJobs } from '../../helpers/ovirt-tree.js';
import { EXPECTED_TREES } from '../handlers/expected-trees.js';
import { Clock, fixture, revealAll } from '../handlers/support.js';

/** Stands for the execution input an event carries: it must never reach the report. */
const INPUT_SENTINEL = 'INPUT-SENTINEL-7c1f';

interface Recorded {
  readonly code: ExitCode;
  readonly lines: string[];
  readonly warnings: string[];
  readonly documents: unknown[];
  readonly ticks: number;
}

/** run runs the command in-process as main.ts would, recording what it printed. */
async function run(command: CliCommand, argv: string[], env: Record<string, string>, options: { json?: boolean; now: () => number }): Promise<Recorded> {
  const lines: string[] = [];
  const warnings: string[] = [];
  const documents: unknown[] = [];
  let ticks = 0;
  const jsonMode = options.json === true;
  const progress: Progress = { tick: (n = 1) => void (ticks += n), total: () => undefined, done: (summary) => void (jsonMode ? undefined : lines.push(summary)) };
  const out: Output = {
    jsonMode,
    line: (text) => void (jsonMode ? undefined : lines.push(text)),
    json: (value) => void (jsonMode ? documents.push(JSON.parse(JSON.stringify(value))) : undefined),
    warn: (text) => void warnings.push(text),
    progress: () => progress,
  };
  const code = await command.run({ argv, env, out, signal: new AbortController().signal, now: options.now });
  return { code, lines, warnings, documents, ticks };
}

/** onFailureRecord is what Lambda's on-failure destination sends when onExecutionEvent gave up on `event`. */
function onFailureRecord(event: unknown): string {
  return JSON.stringify({
    version: '1.0',
    timestamp: '2025-03-14T09:20:00.000Z',
    requestContext: {
      requestId: 'f1e2d3c4-0000-4000-8000-000000000001',
      functionArn: 'arn:aws:lambda:eu-west-1:482913557106:function:ovirt-pipeline-jobs-prod-onExecutionEvent:$LATEST',
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    },
    requestPayload: event,
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'OvirtUnavailableError', errorMessage: 'The oVirt engine did not answer (ECONNREFUSED).' },
  });
}

const withInput = (event: SfnStatusChangeEvent): SfnStatusChangeEvent => ({ ...event, detail: { ...event.detail, input: JSON.stringify({ token: INPUT_SENTINEL }) } });

describe('replay-dlq', () => {
  let parts: LocalParts;
  let sqs: SqsStub;
  let queueUrl: string;
  let env: Record<string, string>;
  const clock = new Clock();
  let a: SfnStatusChangeEvent;
  let d: SfnStatusChangeEvent;

  beforeEach(async () => {
    parts = await startLocalParts({ overrides: { now: clock.now } });
    sqs = await startSqsStub();
    queueUrl = sqs.createQueue('ovirt-pipeline-jobs-test-dlq');
    env = { ...localPartsEnv(parts.engine, parts.table, parts.sfn), DEAD_LETTER_QUEUE_URL: queueUrl, AWS_ENDPOINT_URL_SQS: sqs.url };
    a = withInput(revealAll(parts.sfn, fixture('a')).at(-1)!);
    d = withInput(revealAll(parts.sfn, fixture('d')).at(-1)!);
  });
  afterEach(async () => {
    await Promise.allSettled([parts.stop(), sqs.stop()]);
  });

  /** send puts bodies into the queue in order, as the SQS client would. */
  const send = async (...bodies: string[]): Promise<void> => {
    const { SQSClient, SendMessageCommand } = await import('@aws-sdk/client-sqs');
    const client = new SQSClient({ endpoint: sqs.url, region: 'eu-west-1' });
    for (const body of bodies) await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    client.destroy();
  };
  const left = (): string[] => sqs.messages(queueUrl).map((m) => m.body);
  /** mismatched names an execution of one state machine under another: the handler rejects it every time. */
  const mismatched = (): SfnStatusChangeEvent => ({ ...a, detail: { ...a.detail, stateMachineArn: d.detail.stateMachineArn } });

  it('replays a Lambda on-failure record and an EventBridge dead letter, deleting just those two; a malformed message and one that fails again are kept and reported', async () => {
    // Prepare
    const failing = onFailureRecord(mismatched());
    await send(onFailureRecord(a), 'not json {', JSON.stringify(d), failing);

    // Act
    const result = await run(replayDlqCommand, [], env, { now: clock.now });

    // Assess
    expect(result.code).toBe(Exit.PROBLEM);
    expect(left()).toEqual(['not json {', failing]);
    expect(sqs.messages(queueUrl).every((m) => !m.inFlight)).toBe(true);
    expect(renderExternalJobs(parts.engine)).toEqual([...EXPECTED_TREES.a!, ...EXPECTED_TREES.d!]);
    const text = result.lines.join('\n');
    expect(text).toMatch(/✓ \S+ replayed through onExecutionEvent arn:aws:states:\S+:execution:build-and-deploy:\S+: converged; deleted/);
    expect(text).toMatch(/✓ \S+ replayed through onExecutionEvent arn:aws:states:\S+:execution:quality-gates:\S+: converged; deleted/);
    expect(text).toMatch(/✗ \S+ malformed: the body is not JSON \(kept\)/);
    expect(text).toMatch(/✗ \S+ failed again in onExecutionEvent \S+: EventValidationError: .*stateMachineArn.* \(kept\) \(first failure: RetriesExhausted, OvirtUnavailableError/);
    expect(text).toContain('4 message(s): 2 replayed and deleted, 1 failed again, 1 malformed. 2 kept in the queue');
    expect(result.ticks).toBe(4);
    expect(JSON.stringify(result)).not.toContain(INPUT_SENTINEL);
  });

  it('keeps an event whose replay fails while Step Functions is unavailable, and replays it once the cause is gone', async () => {
    // Prepare
    await send(JSON.stringify(a));
    parts.sfn.failWith({ operation: 'DescribeExecution', status: 503 });

    // Act
    const during = await run(replayDlqCommand, [], env, { now: clock.now });
    parts.sfn.clearFaults();
    const after = await run(replayDlqCommand, [], env, { now: clock.now });

    // Assess
    expect(during.code).toBe(Exit.PROBLEM);
    expect(during.lines.join('\n')).toMatch(/✗ \S+ failed again in onExecutionEvent \S+: StepFunctionsError: .* \(kept\)/);
    expect(after.code).toBe(Exit.OK);
    expect(after.lines.join('\n')).toContain('1 message(s): 1 replayed and deleted, 0 failed again, 0 malformed.');
    expect(left()).toEqual([]);
    expect(renderExternalJobs(parts.engine)).toEqual(EXPECTED_TREES.a);
  });

  it('--dry-run says what each message holds and changes nothing: no handler runs, no message is deleted or left hidden', async () => {
    // Prepare
    const bodies = [onFailureRecord(a), 'not json {', JSON.stringify(d)];
    await send(...bodies);

    // Act
    const result = await run(replayDlqCommand, ['--dry-run'], env, { now: clock.now });

    // Assess
    expect(result.code).toBe(Exit.PROBLEM);
    expect(left()).toEqual(bodies);
    expect(sqs.messages(queueUrl).every((m) => !m.inFlight)).toBe(true);
    expect(renderExternalJobs(parts.engine)).toEqual([]);
    expect(result.lines.join('\n')).toMatch(/• \S+ would be replayed through onExecutionEvent \S+ \(lambda-on-failure\) \(first failure: RetriesExhausted, OvirtUnavailableError: The oVirt engine did not answer/);
    expect(result.lines.join('\n')).toMatch(/• \S+ would be replayed through onExecutionEvent \S+ \(eventbridge\)/);
    expect(result.lines.at(-1)).toBe('3 message(s): 2 would be replayed, 1 malformed.');
  });

  it('--json prints one JSON document with every message and the counts, and no human line', async () => {
    // Prepare
    await send(JSON.stringify(d), '{"detail-type":"something else"}');

    // Act
    const result = await run(replayDlqCommand, [], env, { json: true, now: clock.now });

    // Assess
    expect(result.lines).toEqual([]);
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]).toMatchObject({
      queueUrl,
      dryRun: false,
      interrupted: false,
      counts: { replayed: 1, failed: 0, malformed: 1, wouldReplay: 0, notDeleted: 0 },
      items: [
        { result: 'replayed', target: 'onExecutionEvent', origin: 'eventbridge', outcome: 'converged', executionArn: d.detail.executionArn, receiveCount: 1 },
        { result: 'malformed', reason: expect.stringContaining('neither') as string },
      ],
    });
    expect(JSON.stringify(result.documents)).not.toContain(INPUT_SENTINEL);
  });

  it('--max N looks at N messages and leaves the rest untouched', async () => {
    // Prepare
    await send(JSON.stringify(a), JSON.stringify(d));

    // Act
    const result = await run(replayDlqCommand, ['--max', '1'], env, { now: clock.now });

    // Assess
    expect(result.code).toBe(Exit.OK);
    expect(left()).toEqual([JSON.stringify(d)]);
  });

  it('says what to fix: bad options, no queue URL (exit 2), a queue that cannot be read (exit 3, and with --json still one document)', async () => {
    // Act
    const badMax = await run(replayDlqCommand, ['--max', '0'], env, { now: clock.now }).catch((error: unknown) => error);
    const unknown = await run(replayDlqCommand, ['--replay-all'], env, { now: clock.now }).catch((error: unknown) => error);
    const noQueue = await run(replayDlqCommand, [], { ...env, DEAD_LETTER_QUEUE_URL: '' }, { now: clock.now });
    const gone = await run(replayDlqCommand, [], { ...env, DEAD_LETTER_QUEUE_URL: `${sqs.url}/000000000000/no-such-dlq` }, { now: clock.now });
    const goneJson = await run(replayDlqCommand, [], { ...env, DEAD_LETTER_QUEUE_URL: `${sqs.url}/000000000000/no-such-dlq` }, { json: true, now: clock.now });

    // Assess
    expect(badMax).toBeInstanceOf(UsageError);
    expect(unknown).toBeInstanceOf(UsageError);
    expect(noQueue.code).toBe(Exit.USAGE);
    expect(noQueue.warnings.join('\n')).toContain('DEAD_LETTER_QUEUE_URL: is not set');
    expect(gone.code).toBe(Exit.UNAVAILABLE);
    expect(gone.warnings.join('\n')).toContain('QueueDoesNotExist');
    expect(goneJson.documents).toEqual([expect.objectContaining({ items: [], queueError: expect.objectContaining({ name: 'QueueDoesNotExist' }) as unknown })]);
  });
});
