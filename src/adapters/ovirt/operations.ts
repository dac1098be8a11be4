/**
 * The engine operations on jobs and steps, each one API call: paths and bodies as in
 * docs/ovirt-engine-behaviour.md (#endpoints, #actions, #semantics), answers decoded into the model. Reads and end/clear actions are
 * idempotent (ending twice is a silent success, clearing twice is harmless) and so may be
 * retried; adds are not.
 */
import { OvirtHttpError } from '../../errors.js';
import type { AddJobInput, AddStepInput, OvirtJob, OvirtStep } from '../../model/ovirt.js';
import type { ApiCaller, ApiRequest } from './api.js';
import { decodeApiRoot, decodeJob, decodeList, decodeStep, readActionStatus, readFault, type EngineInfo } from './decode.js';
import { unverifiableAnswer } from './error-mapping.js';
import type { HttpResponse } from './http.js';
import { checkCorrelationId, pathId, wireBoolean } from './inputs.js';
import { DecodeError } from './wire-values.js';

/** Operations is every engine call the client offers; signals are passed through unchanged. */
export interface Operations {
  readonly addJob: (input: AddJobInput, signal?: AbortSignal) => Promise<OvirtJob>;
  readonly getJob: (jobId: string, signal?: AbortSignal) => Promise<OvirtJob>;
  readonly searchJobs: (correlationId: string, signal?: AbortSignal) => Promise<OvirtJob[]>;
  readonly listJobs: (signal?: AbortSignal) => Promise<OvirtJob[]>;
  readonly endJob: (jobId: string, options: { succeeded: boolean; force?: boolean | undefined }, signal?: AbortSignal) => Promise<void>;
  readonly clearJob: (jobId: string, signal?: AbortSignal) => Promise<void>;
  readonly addStep: (jobId: string, input: AddStepInput, signal?: AbortSignal) => Promise<OvirtStep>;
  readonly listSteps: (jobId: string, signal?: AbortSignal) => Promise<OvirtStep[]>;
  readonly getStep: (jobId: string, stepId: string, signal?: AbortSignal) => Promise<OvirtStep>;
  readonly endStep: (jobId: string, stepId: string, options: { succeeded: boolean }, signal?: AbortSignal) => Promise<void>;
  readonly getApiRoot: (signal?: AbortSignal) => Promise<EngineInfo>;
}

/** createOperations binds the operations to one {@link ApiCaller}. */
export function createOperations(api: ApiCaller): Operations {
  const calls = bindCalls(api);
  return {
    ...jobOperations(calls),
    ...stepOperations(calls),
    // The API root: answered to any authenticated user, under the API version the client asks for.
    getApiRoot: (signal) => calls.read({ method: 'GET', path: '', idempotent: true }, decodeApiRoot, signal),
  };
}

/** @internal The two call shapes: a read (or add) whose answer is decoded, and an action. */
interface Calls {
  readonly read: <T>(request: ApiRequest, decode: (body: unknown) => T, signal?: AbortSignal) => Promise<T>;
  readonly act: (path: string, body: object, signal?: AbortSignal) => Promise<void>;
}

/** @internal */
function bindCalls(api: ApiCaller): Calls {
  return {
    read: async (request, decode, signal) => {
      const response = await api.call({ ...request, verify: (answer) => requireJson(answer, request) }, signal);
      return decodeOrThrow(response, request, decode);
    },
    act: async (path, body, signal) => {
      const request: ApiRequest = { method: 'POST', path, body, idempotent: true };
      await api.call({ ...request, verify: (answer) => checkAction(answer, request) }, signal);
    },
  };
}

type JobOperations = Pick<Operations, 'addJob' | 'getJob' | 'searchJobs' | 'listJobs' | 'endJob' | 'clearJob'>;

/** @internal Operations on jobs (docs/ovirt-engine-behaviour.md#add-job to #clear-job, #search). */
function jobOperations({ read, act }: Calls): JobOperations {
  const jobs = (body: unknown): OvirtJob[] => decodeList(body, 'job').map(decodeJob);
  const jobPath = (jobId: string): string => `/jobs/${pathId(jobId, 'job')}`;
  return {
    addJob: async (input, signal) => {
      const headers = input.correlationId === undefined ? undefined : { 'correlation-id': checkCorrelationId(input.correlationId) };
      const body = { description: input.description, auto_cleared: wireBoolean(input.autoCleared) };
      return read({ method: 'POST', path: '/jobs', body, headers, idempotent: false }, decodeJob, signal);
    },
    getJob: async (jobId, signal) => read({ method: 'GET', path: jobPath(jobId), idempotent: true }, decodeJob, signal),
    searchJobs: async (correlationId, signal) => {
      const search = encodeURIComponent(`correlation_id=${checkCorrelationId(correlationId)}`);
      return read({ method: 'GET', path: `/jobs?search=${search}`, idempotent: true }, jobs, signal);
    },
    listJobs: async (signal) => read({ method: 'GET', path: '/jobs', idempotent: true }, jobs, signal),
    endJob: async (jobId, options, signal) => {
      const force = options.force === undefined ? {} : { force: wireBoolean(options.force) };
      return act(`${jobPath(jobId)}/end`, { succeeded: wireBoolean(options.succeeded), ...force }, signal);
    },
    clearJob: async (jobId, signal) => act(`${jobPath(jobId)}/clear`, {}, signal),
  };
}

type StepOperations = Pick<Operations, 'addStep' | 'listSteps' | 'getStep' | 'endStep'>;

/** @internal Operations on steps (docs/ovirt-engine-behaviour.md#add-step to #reads). */
function stepOperations({ read, act }: Calls): StepOperations {
  const stepsPath = (jobId: string): string => `/jobs/${pathId(jobId, 'job')}/steps`;
  const stepPath = (jobId: string, stepId: string): string => `${stepsPath(jobId)}/${pathId(stepId, 'step')}`;
  return {
    addStep: async (jobId, input, signal) => {
      const parent = input.parentStepId === undefined ? {} : { parent_step: { id: input.parentStepId } };
      const body = { description: input.description, type: input.type, ...parent };
      return read({ method: 'POST', path: stepsPath(jobId), body, idempotent: false }, (raw) => decodeStep(raw, jobId), signal);
    },
    listSteps: async (jobId, signal) =>
      read({ method: 'GET', path: stepsPath(jobId), idempotent: true }, (body) => decodeList(body, 'step').map((raw) => decodeStep(raw, jobId)), signal),
    getStep: async (jobId, stepId, signal) =>
      read({ method: 'GET', path: stepPath(jobId, stepId), idempotent: true }, (raw) => decodeStep(raw, jobId), signal),
    // `succeeded` is mandatory on the wire for step end (docs/ovirt-engine-behaviour.md#end-step), so it is always sent.
    endStep: async (jobId, stepId, options, signal) => act(`${stepPath(jobId, stepId)}/end`, { succeeded: wireBoolean(options.succeeded) }, signal),
  };
}

/** @internal Decodes a 2xx answer; a shape the API model does not allow becomes an OvirtHttpError. */
function decodeOrThrow<T>(response: HttpResponse, request: ApiRequest, decode: (body: unknown) => T): T {
  try {
    return decode(response.body);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    throw new OvirtHttpError({
      status: response.status,
      method: request.method,
      path: response.path,
      reason: 'Unexpected response',
      detail: error.message,
      hint: 'The answer does not match the oVirt API model; check that url points at an oVirt 4.2+ engine API.',
    }, { cause: error });
  }
}

/**
 * @internal A 2xx answer to a read or an add must be JSON: the client asks for JSON, and the
 * engine sends at least `{}` even for an empty list. Anything else (an HTML page, XML, an
 * empty body) did not come from the engine API and would otherwise read as "nothing there".
 */
function requireJson(response: HttpResponse, request: ApiRequest): void {
  if (response.body !== undefined && typeof response.body !== 'string') return;
  const expected = request.idempotent ? 'read' : 'add';
  throw unverifiableAnswer(response, { method: request.method, path: response.path }, expected, request.method === 'GET' ? 'an oVirt JSON document' : 'the added object in JSON');
}

/**
 * @internal An action (end, clear) counts as done only when answered with an action document
 * whose status is `complete`, which is how the engine confirms one. A `failed` status in a
 * 2xx answer reports its fault; anything else (an HTML page, XML, `{}`) is unverifiable. Both
 * are retryable: the actions are idempotent, and a later attempt must make sure it happened.
 */
function checkAction(response: HttpResponse, request: ApiRequest): void {
  const status = readActionStatus(response.body);
  if (status === 'complete') return;
  if (status === 'failed') {
    const fault = readFault(response.body);
    throw new OvirtHttpError({
      status: response.status,
      method: request.method,
      path: response.path,
      reason: fault?.reason ?? 'Action failed',
      detail: fault?.detail,
      hint: `The engine reported the action as failed although it answered ${response.status}; the detail says why. The call is safe to repeat and will be tried again.`,
      retryable: true,
    });
  }
  throw unverifiableAnswer(response, { method: request.method, path: response.path }, 'action', 'an action result with status complete');
}
