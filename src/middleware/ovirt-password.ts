/**
 * ovirtPassword is a middy middleware that makes the oVirt password available before the
 * handler runs when it lives in SSM Parameter Store or Secrets Manager
 * (OVIRT_PASSWORD_SECRET). Caching and the re-read after rotation are the password source's
 * (Powertools Parameters, see runtime/password-secret.ts). The value is kept in
 * `request.internal` for other middlewares and set on the Lambda context for the handler
 * (middy hands handlers the context, not `internal`). Never logged.
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { SecretRef } from '../config/index.js';
import type { PasswordSource } from '../runtime/password-secret.js';

/** OvirtPasswordOptions configures the middleware. */
export interface OvirtPasswordOptions {
  /** Where the password is; undefined = nothing to load (plain OVIRT_PASSWORD or a token). */
  readonly secret?: SecretRef | undefined;
  /** Reads (and caches) the password. */
  readonly read: PasswordSource;
}

/** OVIRT_PASSWORD_KEY is the `request.internal` key holding the loaded password. */
export const OVIRT_PASSWORD_KEY = 'ovirtPassword';

/** ovirtPassword returns the middleware. */
export function ovirtPassword(options: OvirtPasswordOptions): MiddlewareObj<unknown, unknown, Error, Context, Record<string, unknown>> {
  return {
    name: 'ovirtPassword',
    before: async (request) => {
      const secret = options.secret;
      if (secret === undefined) return;
      const password = await options.read(secret);
      request.internal[OVIRT_PASSWORD_KEY] = password;
      Object.assign(request.context, { [OVIRT_PASSWORD_KEY]: password });
    },
  };
}
