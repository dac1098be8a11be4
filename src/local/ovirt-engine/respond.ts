/**
 * Turns documents and faults into responses in the request's format: XML (default) or JSON,
 * `Content-Type` without a charset parameter. Faults render as a bare `fault`, an `action`
 * with a nested fault and status `failed`, or an empty body (404/405).
 */
import type { BodyFormat } from './body-input.js';
import { EngineFault } from './errors.js';
import { emptyResponse } from './http-io.js';
import type { SimResponse } from './http-io.js';
import { renderJson } from './json.js';
import { actionEntity, faultEntity } from './render-entities.js';
import type { Doc } from './representation.js';
import { renderXml } from './xml.js';

/** Rendering is what decides how a document is written. */
export interface Rendering {
  readonly format: BodyFormat;
  readonly offsetMinutes: number;
}

/** docResponse renders a document with a status and extra headers. */
export function docResponse(rendering: Rendering, status: number, doc: Doc, headers: Record<string, string> = {}): SimResponse {
  if (rendering.format === 'json') {
    return { status, headers: { 'content-type': 'application/json', ...headers }, body: renderJson(doc) };
  }
  return { status, headers: { 'content-type': 'application/xml', ...headers }, body: renderXml(doc, rendering.offsetMinutes) };
}

/** faultResponse renders an EngineFault in its body kind. */
export function faultResponse(rendering: Rendering, fault: EngineFault): SimResponse {
  if (fault.body === 'empty') return emptyResponse(fault.status);
  const faultDoc = faultEntity(fault.reason, fault.detail);
  if (fault.body === 'fault') return docResponse(rendering, fault.status, { kind: 'entity', root: 'fault', entity: faultDoc });
  const action = actionEntity(fault.echo, { status: 'failed', fault: faultDoc });
  return docResponse(rendering, fault.status, { kind: 'entity', root: 'action', entity: action });
}

/** serverErrorResponse is the 500 fault of an unexpected exception. */
export function serverErrorResponse(rendering: Rendering, message: string): SimResponse {
  return faultResponse(rendering, new EngineFault(500, 'fault', 'Operation Failed', message));
}
