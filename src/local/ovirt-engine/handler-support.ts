/**
 * Helpers shared by the API handlers: body decoding with the engine's fault mapping, the
 * permission and read checks, `max` parsing, the action grace period, and the Location header.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiContext } from './api-context.js';
import { InputError } from './body-input.js';
import type { BodyFormat } from './body-input.js';
import type { ActionInput } from './decode.js';
import { EngineFault, notAuthorized, queryPermission, REASONS, syntaxError } from './errors.js';

/** decodeBody runs a decoder and maps body problems to 'Invalid value' or 'Request syntactically incorrect.'. */
export function decodeBody<T>(ctx: ApiContext, decode: (text: string, format: BodyFormat) => T, service: string, method: string): T {
  try {
    return decode(ctx.body, ctx.bodyFormat);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error.kind === 'invalid-value') throw new EngineFault(400, 'fault', REASONS.invalidValue, error.message);
    throw syntaxError(ctx.origin, service, method);
  }
}

/** requireInjectPermission is the INJECT_EXTERNAL_TASKS check every write runs before validation. */
export function requireInjectPermission(ctx: ApiContext, onAction: boolean): void {
  if (!ctx.user.canInjectExternalTasks) throw notAuthorized(onAction);
}

/** requireAdminQuery guards admin-only queries: filtered mode or a non-admin caller fails with 400. */
export function requireAdminQuery(ctx: ApiContext): void {
  if (ctx.filtered || !ctx.user.admin) throw queryPermission();
}

/** maxParam reads `max`; a negative value means no limit. */
export function maxParam(ctx: ApiContext): number | undefined {
  const raw = ctx.params.get('max');
  if (raw === null || raw.trim() === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) {
    throw new EngineFault(400, 'fault', REASONS.invalidValue, `The value '${raw}' of parameter 'max' isn't a valid integer.`);
  }
  const value = Number(raw.trim());
  return value < 0 ? undefined : value;
}

/** follows tells whether `follow` asks for a link, e.g. 'steps'. */
export function follows(ctx: ApiContext, link: string): boolean {
  const raw = ctx.params.get('follow');
  return raw !== null && raw.split(',').some((part) => part.trim() === link);
}

/** awaitGrace sleeps `grace_period.expiry` milliseconds before the action runs, as the engine does. */
export async function awaitGrace(input: ActionInput): Promise<void> {
  const expiry = input.gracePeriodExpiry ?? 0;
  if (expiry > 0) await sleep(expiry);
}

/** locationHeader is the absolute URL of a created resource. */
export function locationHeader(ctx: ApiContext, href: string): Record<string, string> {
  return { location: `${ctx.origin}${href}` };
}

/** withActionEcho runs an engine command and attaches the action request to an action fault. */
export function withActionEcho<T>(input: ActionInput, command: () => T): T {
  try {
    return command();
  } catch (error) {
    if (error instanceof EngineFault && error.body === 'action') throw error.withEcho(input);
    throw error;
  }
}
