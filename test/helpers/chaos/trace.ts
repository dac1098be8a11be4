/**
 * traced wraps a ChaosEnvironment so that every invocation prints one line (what was invoked,
 * the crash plan, how it ended). Used by `npm run test:chaos -- --trace` when replaying one
 * schedule, together with the product's own log lines.
 */
import type { ChaosEnvironment, InvocationResult } from './environment.js';

const summary = (result: InvocationResult): string => {
  const calls = `${result.invocation.calls} port calls`;
  const deadline = result.invocation.deadlineReached ? ', soft deadline reached' : '';
  if (result.kind === 'ok') return `ok (${calls}${deadline}): ${JSON.stringify(result.value)}`;
  if (result.kind === 'crashed') return `crashed (${calls})`;
  return `failed (${calls}, retryable=${result.retryable}): ${result.error.name}: ${result.error.message}`;
};

/** traced returns `env` with deliver and sweep reported to `write`. */
export function traced(env: ChaosEnvironment, write: (line: string) => void): ChaosEnvironment {
  return {
    ...env,
    deliver: async (event, crash, deadline) => {
      const detail = (event as { detail?: { status?: string; executionArn?: string } }).detail;
      const result = await env.deliver(event, crash, deadline);
      write(`[trace] deliver ${detail?.status ?? '?'} ${detail?.executionArn ?? ''} crash=${JSON.stringify(crash ?? null)} deadline=${deadline ?? '-'} → ${summary(result)}`);
      return result;
    },
    sweep: async (crash, deadline) => {
      const result = await env.sweep(crash, deadline);
      write(`[trace] sweep crash=${JSON.stringify(crash ?? null)} deadline=${deadline ?? '-'} → ${summary(result)}`);
      return result;
    },
  };
}
