/**
 * Messages between the benchmark runner and a Lambda worker process (bench/lambda/worker.ts).
 */

/** WorkerRequest: run the handler on `event`, or report memory usage. */
export type WorkerRequest =
  | { readonly kind: 'invoke'; readonly id: number; readonly event: unknown }
  | { readonly kind: 'usage'; readonly id: number };

/** InvokeResult is the outcome of one invocation and the handler's own duration. */
export type InvokeResult =
  | { readonly kind: 'result'; readonly id: number; readonly ok: true; readonly result: unknown; readonly ms: number }
  | { readonly kind: 'result'; readonly id: number; readonly ok: false; readonly error: { name: string; message: string }; readonly ms: number };

/** WorkerReply: ready after import, an invocation's result, or memory usage (peak RSS in kB). */
export type WorkerReply =
  | { readonly kind: 'ready'; readonly importMs: number }
  | InvokeResult
  | { readonly kind: 'usage'; readonly id: number; readonly maxRssKb: number; readonly heapUsed: number };
