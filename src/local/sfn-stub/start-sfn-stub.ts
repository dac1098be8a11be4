/**
 * startSfnStub runs the Step Functions stub: an HTTP server on loopback that plays recorded
 * executions to the real `@aws-sdk/client-sfn`, revealing their histories step by step and
 * emitting the EventBridge status change events a real account would send.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SfnStatusChangeEvent } from '../../model/status-change-event.js';
import type { DerivedExecution } from './derive-execution.js';
import { statusChanges } from './derive-execution.js';
import { Faults } from './faults.js';
import type { MutableStats } from './http-handler.js';
import { createRequestHandler } from './http-handler.js';
import { logRecordsOf } from './logs/log-record.js';
import type { LogShipment } from './logs/log-shipper.js';
import { LogShipper } from './logs/log-shipper.js';
import { createPageTokens } from './page-token.js';
import { statusChangeEvent } from './status-change-event.js';
import type { StoredExecution } from './stored-execution.js';
import { countUpTo, storeRecording } from './stored-execution.js';
import type { SfnStateMachine, SfnStub, SfnStubOptions } from './types.js';

const emptyStats = (): MutableStats => ({ calls: {}, pages: 0, throttled: 0 });

/**
 * startSfnStub starts the stub on `host` (default 127.0.0.1) and `port` (default 0: ephemeral).
 * Point an SDK client at `stub.url` with any dummy credentials.
 *
 * @example
 * const stub = await startSfnStub();
 * stub.addExecution(recording, { revealed: 0 });
 * const client = new SFNClient({ endpoint: stub.url, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 * stub.reveal(recording.description.executionArn, 5); // RUNNING, five events visible
 */
export async function startSfnStub(options: SfnStubOptions = {}): Promise<SfnStub> {
  const executions = new Map<string, StoredExecution>();
  const stateMachines = new Map<string, SfnStateMachine & { readonly createdAt: number }>();
  const listeners = new Set<(event: SfnStatusChangeEvent) => void>();
  const logListeners = new Set<(shipment: LogShipment) => void>();
  const shipper = new LogShipper(options.logs);
  const batchMs = options.logs?.batchMs ?? 200;
  let logTimer: NodeJS.Timeout | undefined;
  const flushLogs = (): void => {
    for (const shipment of shipper.flush()) for (const listener of logListeners) listener(shipment);
  };
  const faults = new Faults(options.seed ?? 1);
  const shutdown = new AbortController();
  let stats = emptyStats();
  const context = { executions, stateMachines, tokens: createPageTokens(), countPage: () => void (stats.pages += 1) };
  const server = createServer(createRequestHandler({ context, faults, stats: () => stats, shutdown: shutdown.signal }));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const find = (executionArn: string): StoredExecution => {
    const execution = executions.get(executionArn);
    if (execution === undefined) throw new Error(`The stub has no execution ${executionArn}; add it with addExecution first.`);
    return execution;
  };

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    addExecution(rec, opts) {
      const execution = storeRecording(rec, opts?.revealed ?? 'all');
      executions.set(execution.description.executionArn, execution);
    },
    reveal(executionArn, upToEventId) {
      const execution = find(executionArn);
      const count = countUpTo(execution, upToEventId);
      if (count < execution.revealed) {
        throw new Error(`reveal only moves forward: ${executionArn} already shows ${execution.revealed} events.`);
      }
      // Express executions send no status change events; their logs are all there is.
      const changes = execution.express ? [] : statusChanges(execution, execution.revealed, count);
      if (logListeners.size > 0) for (const record of logRecordsOf(execution, execution.revealed, count)) shipper.add(record);
      execution.revealed = count;
      for (const change of changes) {
        const event = toStatusChangeEvent(execution, change);
        for (const listener of listeners) listener(event);
      }
    },
    defineStateMachine(stateMachine) {
      stateMachines.set(stateMachine.stateMachineArn, { ...stateMachine, createdAt: Date.now() });
    },
    executions: () => [...executions.keys()],
    throttle: (rule) => faults.addThrottle(rule),
    failWith: (rule) => faults.addFailure(rule),
    delay: (rule) => faults.addDelay(rule),
    clearFaults: () => faults.clear(),
    onStatusChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    onLogDelivery(listener) {
      logListeners.add(listener);
      logTimer ??= setInterval(flushLogs, batchMs).unref();
      return () => {
        logListeners.delete(listener);
        if (logListeners.size === 0) {
          clearInterval(logTimer);
          logTimer = undefined;
        }
      };
    },
    flushLogs,
    logStats: () => shipper.stats(),
    stats: () => ({ calls: { ...stats.calls }, pages: stats.pages, throttled: stats.throttled }),
    resetStats: () => void (stats = emptyStats()),
    async stop() {
      shutdown.abort();
      clearInterval(logTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function toStatusChangeEvent(execution: StoredExecution, change: DerivedExecution): SfnStatusChangeEvent {
  const d = execution.description;
  return statusChangeEvent(
    {
      executionArn: d.executionArn,
      stateMachineArn: d.stateMachineArn,
      name: d.name,
      startDate: d.startDate,
      stateMachineVersionArn: d.stateMachineVersionArn,
      stateMachineAliasArn: d.stateMachineAliasArn,
      status: change.status,
      stopDate: change.stopDate,
      error: change.error,
      cause: change.cause,
      redriveCount: change.redriveCount,
      redriveDate: change.redriveDate,
    },
    { time: change.changedAt },
  );
}
