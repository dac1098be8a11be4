/**
 * softDeadline turns the Lambda context's remaining time into the reconciler's soft deadline:
 * the time left minus a margin that covers the oVirt call in flight and the progress save, so
 * an invocation stops cleanly (saving what is safe) before Lambda kills it.
 */
import type { Context } from 'aws-lambda';

/** softDeadline returns `remainingMs` for ReconcileDeps: ms left before the invocation must stop starting work. */
export function softDeadline(context: Pick<Context, 'getRemainingTimeInMillis'>, marginSeconds: number): () => number {
  return () => context.getRemainingTimeInMillis() - marginSeconds * 1000;
}
