/**
 * RecordingHistory is an in-memory HistoryReader over one recorded execution (a–e) that has
 * ended: the whole history in pages of `pageSize`, the recorded description and definition. It
 * counts the calls the push path tries to save: GetExecutionHistory (a forward page or a reverse
 * read of ⌈n / 1000⌉ pages, at least one) and DescribeExecution.
 */
import type { ExecutionDescription, HistoryEvent, MapRunSummary } from '../../src/model/execution.js';
import type { HistoryPage, HistoryReader } from '../../src/ports.js';
import type { FixtureName } from './fixtures.js';
import { fixtureRecordings, loadDefinition, loadHistory } from './fixtures.js';

export class RecordingHistory implements HistoryReader {
  historyCalls = 0;
  describeCalls = 0;
  private readonly events: readonly HistoryEvent[];

  constructor(
    readonly name: FixtureName,
    private readonly pageSize = 1000,
  ) {
    this.events = loadHistory(name);
  }

  describeExecution(): Promise<ExecutionDescription> {
    this.describeCalls += 1;
    const d = fixtureRecordings().get(this.name)!.description;
    const ms = (value: number | string | undefined) => (value === undefined ? undefined : typeof value === 'number' ? value : Date.parse(value));
    return Promise.resolve({
      executionArn: d.executionArn,
      stateMachineArn: d.stateMachineArn,
      name: d.name,
      status: d.status ?? 'RUNNING',
      startDate: ms(d.startDate) ?? 0,
      stopDate: ms(d.stopDate),
      error: d.error,
      cause: d.cause,
      redriveCount: d.redriveCount ?? 0,
      redriveDate: ms(d.redriveDate),
    });
  }

  readEventsAfter(_arn: string, after: number): Promise<HistoryEvent[]> {
    const events = this.events.filter((event) => event.id > after);
    this.historyCalls += Math.max(1, Math.ceil(events.length / 1000));
    return Promise.resolve(events);
  }

  readPage(_arn: string, token?: string): Promise<HistoryPage> {
    this.historyCalls += 1;
    const start = token === undefined ? 0 : Number(token);
    const end = start + this.pageSize;
    return Promise.resolve({ events: this.events.slice(start, end), nextToken: end < this.events.length ? String(end) : undefined });
  }

  describeDefinition = () => Promise.resolve({ definition: loadDefinition(this.name) });
  describeMapRun = (): Promise<MapRunSummary> => Promise.reject(new Error('The recordings have no Distributed Map run.'));
  listRunning = () => Promise.resolve([]);
}
