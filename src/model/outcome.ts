/**
 * Outcome is how one reconcile run ended: converged, or pending with a requeue delay. A transient failure throws
 * instead; a run never both throws and asks for a requeue.
 */
export type Outcome =
  | { readonly kind: 'converged'; readonly executionArn: string; readonly actions: number }
  | {
      readonly kind: 'pending';
      readonly executionArn: string;
      readonly requeueAfterSeconds: number;
      readonly reason: string;
      readonly actions: number;
    };
