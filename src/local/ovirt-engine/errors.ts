/**
 * Engine fault texts, copied verbatim from the engine's messages (docs/ovirt-engine-behaviour.md#error-catalogue; including the odd wording and the
 * unreplaced `${action} ${type}` placeholders), and `EngineFault`, the error a handler throws
 * to answer with a fault, an action-with-fault, or an empty body.
 */

/** ENGINE_MESSAGES are the engine's English validation messages (details come wrapped in `[...]`). */
export const ENGINE_MESSAGES = {
  endJobNotFound: 'Cannot Clear External Job. Job not found.',
  endJobNotExternal: 'Cannot Clear External Job. External steps can be added only to external jobs or steps.',
  addJobBlankDescription: 'Cannot ${action} ${type}. Description can not be empty.',
  addStepNoParent: 'Cannot add External Job. Step should be a child of the Job or other Step.',
  addStepNotExternal: 'Cannot add External Job. External steps can be added only to external jobs or steps.',
  addStepBlankDescription: 'Cannot add External Job. Description can not be empty.',
  endStepNotFound: 'Cannot ${action} ${type}. Step not found.',
  endStepNotExternal: 'Cannot ${action} ${type}. External steps can be added only to external jobs or steps.',
  endStepJobMissing: 'Cannot End External Step. Job not found.',
  notAuthorized: 'User is not authorized to perform this action.',
} as const;

/** REASONS are the fault `reason` strings; note `Operation Failed` vs `Operation failed`. */
export const REASONS = {
  engine: 'Operation Failed',
  badUuid: 'Operation failed',
  inputValidation: 'Input validation failed.',
  invalidValue: 'Invalid value',
  syntax: 'Request syntactically incorrect.',
  incomplete: 'Incomplete parameters',
} as const;

/** QUERY_PERMISSION_DETAIL is the detail of an admin-only query run by a filtered or non-admin caller. */
export const QUERY_PERMISSION_DETAIL = 'query execution failed due to insufficient permissions.';

import type { ActionInput } from './decode.js';

/** FaultBody says how an error is rendered: bare fault, action with nested fault, or no body. */
export type FaultBody = 'fault' | 'action' | 'empty';

/** EngineFault is thrown by handlers; the server renders it in the request's format. */
export class EngineFault extends Error {
  readonly status: number;
  readonly body: FaultBody;
  readonly reason: string;
  readonly detail: string;
  /** The action request to echo in an `action` fault body. */
  readonly echo?: ActionInput | undefined;
  constructor(status: number, body: FaultBody, reason: string, detail: string, echo?: ActionInput) {
    super(`${reason} ${detail}`);
    this.name = 'EngineFault';
    this.status = status;
    this.body = body;
    this.reason = reason;
    this.detail = detail;
    this.echo = echo;
  }

  /** withEcho returns the same fault carrying the action request to echo. */
  withEcho(echo: ActionInput): EngineFault {
    return new EngineFault(this.status, this.body, this.reason, this.detail, echo);
  }
}

/** notFound is the engine's 404 with an empty body. */
export function notFound(): EngineFault {
  return new EngineFault(404, 'empty', '', '');
}

/** mandatory is the generated input check's bare fault for a missing element. */
export function mandatory(path: string): EngineFault {
  return new EngineFault(400, 'fault', REASONS.inputValidation, `Parameter '${path}' is mandatory but was not provided.`);
}

/**
 * engineFailure is a failed engine validation: 400 (403 for permissions), every message in
 * one pair of brackets, as an `action` on action endpoints and a bare `fault` elsewhere.
 */
export function engineFailure(messages: readonly string[], onAction: boolean, status = 400): EngineFault {
  return new EngineFault(status, onAction ? 'action' : 'fault', REASONS.engine, `[${messages.join(', ')}]`);
}

/** notAuthorized is the 403 a caller without INJECT_EXTERNAL_TASKS gets on a write. */
export function notAuthorized(onAction: boolean): EngineFault {
  return engineFailure([ENGINE_MESSAGES.notAuthorized], onAction, 403);
}

/** queryPermission is the 400 of an admin-only query in filtered mode or by a non-admin. */
export function queryPermission(): EngineFault {
  return new EngineFault(400, 'fault', REASONS.engine, QUERY_PERMISSION_DETAIL);
}

/** syntaxError is the fault for an unparsable body or an unmappable JSON value. */
export function syntaxError(origin: string, service: string, method: string): EngineFault {
  const detail = `For correct usage, see: ${origin}/ovirt-engine/apidoc#services/${service}/methods/${method}`;
  return new EngineFault(400, 'fault', REASONS.syntax, detail);
}
