/**
 * Decoding of engine JSON documents into our model (`OvirtJob`, `OvirtStep`) and reading of
 * action results and faults. Pure functions; value quirks live in `wire-values.ts`.
 */
import type { OvirtJob, OvirtStatus, OvirtStep, StepType } from '../../model/ovirt.js';
import type { EngineVersion } from './version.js';
import {
  DecodeError, isWireObject, readBoolean, readDate, readEnum, readInteger, readRefId, readString,
  type WireObject,
} from './wire-values.js';

const STATUSES: readonly OvirtStatus[] = ['started', 'finished', 'failed', 'aborted', 'unknown'];
const STEP_TYPES: readonly StepType[] = ['validating', 'executing', 'finalizing', 'rebalancing_volume', 'removing_bricks', 'unknown'];

/** @internal The one field we cannot do without. */
function requireObjectWithId(raw: unknown, kind: 'job' | 'step'): { obj: WireObject; id: string } {
  if (!isWireObject(raw)) throw new DecodeError(`a ${kind} should be a JSON object`);
  const id = readString(raw, 'id');
  if (!id) throw new DecodeError(`a ${kind} has no id`);
  return { obj: raw, id };
}

/**
 * decodeJob turns one engine job into an {@link OvirtJob}. Missing optional fields stay
 * undefined; missing flags read as false and an unknown status as `unknown`. Throws
 * {@link DecodeError} when there is no id or a field has an impossible value.
 */
export function decodeJob(raw: unknown): OvirtJob {
  const { obj, id } = requireObjectWithId(raw, 'job');
  return {
    id,
    description: readString(obj, 'description') ?? '',
    status: readEnum(obj, 'status', STATUSES, 'unknown'),
    autoCleared: readBoolean(obj, 'auto_cleared') ?? false,
    external: readBoolean(obj, 'external') ?? false,
    startTime: readDate(obj, 'start_time'),
    endTime: readDate(obj, 'end_time'),
    lastUpdated: readDate(obj, 'last_updated'),
    ownerId: readRefId(obj, 'owner'),
  };
}

/**
 * decodeStep turns one engine step into an {@link OvirtStep}. `jobIdFromUrl` is used when the
 * step carries no `job` reference; the engine copies the URL's job id there anyway (docs/ovirt-engine-behaviour.md#step).
 */
export function decodeStep(raw: unknown, jobIdFromUrl: string): OvirtStep {
  const { obj, id } = requireObjectWithId(raw, 'step');
  return {
    id,
    jobId: readRefId(obj, 'job') ?? jobIdFromUrl,
    parentStepId: readRefId(obj, 'parent_step'),
    description: readString(obj, 'description') ?? '',
    type: readEnum(obj, 'type', STEP_TYPES, 'unknown'),
    number: readInteger(obj, 'number') ?? 0,
    status: readEnum(obj, 'status', STATUSES, 'unknown'),
    external: readBoolean(obj, 'external') ?? false,
    startTime: readDate(obj, 'start_time'),
    endTime: readDate(obj, 'end_time'),
    progress: readInteger(obj, 'progress'),
  };
}

/**
 * decodeList returns the items of a collection document `{"job": [...]}`. An empty
 * collection may come as `{}`, `{"job": []}`, `[]` or an empty body; all give []. A lone
 * object where an array belongs is taken as a one-item list.
 */
export function decodeList(raw: unknown, element: 'job' | 'step'): unknown[] {
  if (raw === undefined || raw === null || raw === '') return [];
  if (Array.isArray(raw)) return raw as unknown[];
  if (!isWireObject(raw)) throw new DecodeError(`a ${element} list should be a JSON object`);
  const items = raw[element];
  if (items === undefined || items === null) return [];
  if (Array.isArray(items)) return items as unknown[];
  if (isWireObject(items)) return [items];
  throw new DecodeError(`field ${element} of a ${element} list should be an array`);
}

/** Fault is the engine's error document: a reason and a detail, both optional. */
export interface Fault {
  readonly reason?: string | undefined;
  readonly detail?: string | undefined;
}

/**
 * readFault finds the fault in an error body: the `fault` nested in an `action` (action
 * endpoints) or a bare `{reason, detail}` document (everything else). Undefined if neither.
 */
export function readFault(body: unknown): Fault | undefined {
  if (!isWireObject(body)) return undefined;
  const nested = body.fault;
  const fault = isWireObject(nested) ? nested : body;
  const reason = typeof fault.reason === 'string' ? fault.reason : undefined;
  const detail = typeof fault.detail === 'string' ? fault.detail : undefined;
  return reason === undefined && detail === undefined ? undefined : { reason, detail };
}

/**
 * readActionStatus reads `status` of an action result (`complete` on success, `failed`
 * otherwise); undefined for anything else — not an object, no status, or a status that is not
 * a string — which the caller treats as an unverifiable answer.
 */
export function readActionStatus(body: unknown): string | undefined {
  return isWireObject(body) && typeof body.status === 'string' ? body.status.toLowerCase() : undefined;
}

/** EngineInfo is what the API root says about the engine. */
export interface EngineInfo {
  /** e.g. `oVirt Engine`. */
  readonly productName?: string | undefined;
  /** Undefined when the root carries no `product_info.version` (some gateways strip it). */
  readonly version?: EngineVersion | undefined;
}

/**
 * decodeApiRoot reads `product_info` of the API root document (`GET /ovirt-engine/api`).
 * Throws {@link DecodeError} when the answer is not an object, or a version part is not an integer.
 */
export function decodeApiRoot(raw: unknown): EngineInfo {
  if (!isWireObject(raw)) throw new DecodeError('the API root should be a JSON object');
  const product = raw.product_info;
  if (!isWireObject(product)) return {};
  const version = product.version;
  const major = isWireObject(version) ? readInteger(version, 'major') : undefined;
  const minor = isWireObject(version) ? readInteger(version, 'minor') : undefined;
  return {
    productName: readString(product, 'name'),
    version: isWireObject(version) && major !== undefined && minor !== undefined
      ? { major, minor, build: readInteger(version, 'build'), revision: readInteger(version, 'revision'), full: readString(version, 'full_version') }
      : undefined,
  };
}
