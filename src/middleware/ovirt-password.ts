/**
 * ovirtPassword is a middy middleware that makes the oVirt password available before the
 * handler runs when it lives in SSM Parameter Store or Secrets Manager
 * (OVIRT_PASSWORD_SECRET). The value is cached for the life of the container and re-read
 * after `refreshMs` so a rotated secret is picked up. It is kept in `request.internal` for
 * other middlewares and set on the Lambda context for the handler (middy hands handlers the
 * context, not `internal`; middy's own SSM middleware does the same with `setToContext`).
 * Never logged.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { SecretRef } from '../config/index.js';
import { loadPassword } from '../runtime/password-secret.js';

/** OvirtPasswordOptions configures the middleware. */
export interface OvirtPasswordOptions {
  /** Where the password is; undefined = nothing to load (plain OVIRT_PASSWORD or a token). */
  readonly secret?: SecretRef | undefined;
  readonly region: string;
  /** @default 300000 (5 minutes) */
  readonly refreshMs?: number;
  /** Injected loader (tests). @default loadPassword */
  readonly load?: typeof loadPassword;
}

/** OVIRT_PASSWORD_KEY is the `request.internal` key holding the loaded password. */
export const OVIRT_PASSWORD_KEY = 'ovirtPassword';

/** ovirtPassword returns the middleware. */
export function ovirtPassword(options: OvirtPasswordOptions): MiddlewareObj<unknown, unknown, Error, Context, Record<string, unknown>> {
  const refreshMs = options.refreshMs ?? 300_000;
  const load = options.load ?? loadPassword;
  let cached: { value: string; at: number } | undefined;
  return {
    name: 'ovirtPassword',
    before: async (request) => {
      const secret = options.secret;
      if (secret === undefined) return;
      if (cached === undefined || Date.now() - cached.at > refreshMs) {
        cached = { value: await load(secret, options.region), at: Date.now() };
      }
      request.internal[OVIRT_PASSWORD_KEY] = cached.value;
      Object.assign(request.context, { [OVIRT_PASSWORD_KEY]: cached.value });
    },
  };
}
