/**
 * traced wraps a ChaosEnvironment so that every invocation prints one line (what was invoked,
 * the crash plan, how it ended). Used by `npm run test:chaos -- --trace` when replaying one
 * schedule, together with the product's own log lines.
 */
import type { ChaosEnvironment, InvocationExtras, InvocationResult } from './environment.js';

const summary = (result: InvocationResult): string => {
  const calls = `${result.invocation.calls} port calls`;
  const deadline = result.invocation.deadlineReached ? ', soft deadline reached' : '';
  if (result.kind === 'ok') return `ok (${calls}${deadline}): ${JSON.stringify(result.value)}`;
  if (result.kind === 'crashed') return `crashed (${calls}${result.invocation.timedOut ? ', killed at the Lambda timeout' : ''})`;
  return `failed (${calls}, retryable=${result.retryable}): ${result.error.name}: ${result.error.message}`;
};

const timing = (extras: InvocationExtras | undefined): string =>
  (extras?.skewMs ? ` skew=${extras.skewMs}ms` : '') + (extras?.slow ? ` slow=${JSON.stringify(extras.slow)}` : '');

/** traced returns `env` with deliver, deliverLogs and sweep reported to `write`. */
export function traced(env: ChaosEnvironment, write: (line: string) => void): ChaosEnvironment {
  return {
    ...env,
    deliver: async (event, crash, deadline, extras) => {
      const detail = (event as { detail?: { status?: string; executionArn?: string } }).detail;
      const result = await env.deliver(event, crash, deadline, extras);
      write(`[trace] deliver ${detail?.status ?? '?'} ${detail?.executionArn ?? ''} crash=${JSON.stringify(crash ?? null)} deadline=${deadline ?? '-'}${timing(extras)} → ${summary(result)}`);
      return result;
    },
    deliverLogs: async (delivery, crash, deadline, extras) => {
      const result = await env.deliverLogs(delivery, crash, deadline, extras);
      write(`[trace] deliver logs crash=${JSON.stringify(crash ?? null)} deadline=${deadline ?? '-'}${timing(extras)} → ${summary(result)}`);
      return result;
    },
    sweep: async (crash, deadline, extras) => {
      const result = await env.sweep(crash, deadline, extras);
      write(`[trace] sweep crash=${JSON.stringify(crash ?? null)} deadline=${deadline ?? '-'}${timing(extras)} → ${summary(result)}`);
      return result;
    },
  };
}
