/**
 * TableFaults wraps the tracking store and injects the failures DynamoDB really produces, at
 * the next matching store calls (deterministic for a given call order):
 *
 * | kind                 | what the reconciler sees                                             |
 * | -------------------- | -------------------------------------------------------------------- |
 * | `throttle`           | a retryable TrackingStoreError (ThrottlingException); nothing written |
 * | `conditional-check`  | TrackingConflictError carrying the current row, as when another       |
 * |                      | writer won the race (only on object-row writes, where it can happen)  |
 * | `error-after-write`  | the write took effect, then a retryable 500 (an ambiguous write)      |
 *
 * Errors are built by the adapter's own classification (toStoreError), so their messages and
 * retryability are what the product would produce.
 */
import { toStoreError } from '../../../src/adapters/dynamo/store-error.js';
import { TrackingConflictError } from '../../../src/errors.js';
import type { TrackingRecord } from '../../../src/model/tracking.js';
import type { TrackingStore } from '../../../src/ports.js';

/** TableFaultKind names one injected table failure. */
export type TableFaultKind = 'throttle' | 'conditional-check' | 'error-after-write';

/** TABLE_FAULT_KINDS lists every kind in a stable order. */
export const TABLE_FAULT_KINDS: readonly TableFaultKind[] = ['throttle', 'conditional-check', 'error-after-write'];

const ROW_WRITES: ReadonlySet<string> = new Set(['claim', 'markCreated', 'markEnded', 'markGone']);
const WRITES: ReadonlySet<string> = new Set([...ROW_WRITES, 'acquireLease', 'tryAcquireLease', 'saveProgress', 'markOpen', 'releaseLease', 'expireExecution']);

interface Armed {
  readonly kind: TableFaultKind;
  remaining: number;
}

/** TableFaults holds the armed faults and counts the ones that fired. */
export class TableFaults {
  readonly #armed: Armed[] = [];
  readonly fired: Record<TableFaultKind, number> = { throttle: 0, 'conditional-check': 0, 'error-after-write': 0 };

  constructor(private readonly tableName: string) {}

  /** arm makes the next `times` matching store calls fail with `kind`. */
  arm(kind: TableFaultKind, times: number): void {
    this.#armed.push({ kind, remaining: times });
  }

  clear(): void {
    this.#armed.length = 0;
  }

  /** wrap returns a store whose calls may fail as armed. */
  wrap(store: TrackingStore): TrackingStore {
    return new Proxy(store, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => this.#call(String(property), args, () => method.apply(target, args), target);
      },
    });
  }

  async #call(method: string, args: readonly unknown[], call: () => Promise<unknown>, store: TrackingStore): Promise<unknown> {
    const fault = this.#take(method);
    if (fault === undefined) return call();
    this.fired[fault] += 1;
    const action = `${method} (injected)`;
    if (fault === 'throttle') throw toStoreError(named('ThrottlingException', 'Rate of requests exceeds the allowed throughput.'), action, this.tableName);
    if (fault === 'error-after-write') {
      await call();
      throw toStoreError(Object.assign(named('InternalServerError', 'Internal server error'), { $metadata: { httpStatusCode: 500 } }), action, this.tableName);
    }
    const [arn, key] = rowOf(method, args);
    const existing = (await store.getRecords(arn, [key])).get(key);
    throw new TrackingConflictError(key, existing, { cause: named('ConditionalCheckFailedException', 'The conditional request failed') });
  }

  #take(method: string): TableFaultKind | undefined {
    for (const [index, armed] of this.#armed.entries()) {
      const applies = armed.kind === 'throttle' || (armed.kind === 'conditional-check' ? ROW_WRITES.has(method) : WRITES.has(method));
      if (!applies) continue;
      armed.remaining -= 1;
      if (armed.remaining <= 0) this.#armed.splice(index, 1);
      return armed.kind;
    }
    return undefined;
  }
}

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** rowOf finds the execution ARN and object key a row write is about. */
function rowOf(method: string, args: readonly unknown[]): [string, string] {
  if (method === 'claim') {
    const record = args[0] as TrackingRecord;
    return [record.executionArn, record.key];
  }
  return [String(args[0]), String(args[1])];
}
