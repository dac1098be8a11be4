/**
 * The typed oVirt REST client: options → pool → token source → API caller → operations,
 * wired once per client (once per cold start) and shaped as the `OvirtJobs` port plus the
 * few extra calls that tests and tools need.
 */
import { isOvirtNotFoundError } from '../../errors.js';
import type { OvirtJob, OvirtStep } from '../../model/ovirt.js';
import type { OvirtJobs } from '../../ports.js';
import { createApiCaller } from './api.js';
import type { EngineInfo } from './decode.js';
import type { Transport } from './http.js';
import { createOperations } from './operations.js';
import { resolveOvirtOptions, type OvirtClientOptions } from './options.js';
import { createEnginePool } from './pool.js';
import { requestToken, revokeToken } from './sso.js';
import { createTokenSource } from './token-source.js';

/** OvirtClient is the `OvirtJobs` port plus reads, clear, logout and close. */
export interface OvirtClient extends OvirtJobs {
  /** getStep resolves to null when the engine answers 404. */
  getStep(jobId: string, stepId: string, signal?: AbortSignal): Promise<OvirtStep | null>;
  /** listJobs lists every job in the engine, engine-internal ones included, oldest first. */
  listJobs(signal?: AbortSignal): Promise<OvirtJob[]>;
  /** clearJob marks a job auto-cleared, so the engine deletes it some time after it ends. */
  clearJob(jobId: string, signal?: AbortSignal): Promise<void>;
  /**
   * login logs in now with the configured credentials (a no-op when a token is held), so a
   * tool can tell a refused login from a refused call. Calls log in by themselves anyway.
   */
  login(signal?: AbortSignal): Promise<void>;
  /** engineInfo reads the API root: the engine's product name and version. */
  engineInfo(signal?: AbortSignal): Promise<EngineInfo>;
  /** logout revokes the current token (if any) at the SSO and forgets it. */
  logout(signal?: AbortSignal): Promise<void>;
  /** close closes the connection pool the client created (an injected dispatcher is left open). */
  close(): Promise<void>;
}

/**
 * createOvirtClient validates `options` (ConfigError on any mistake), opens a keep-alive pool
 * to the engine unless a dispatcher is injected, and returns the client. No request is sent
 * until the first call; the first call logs in unless a token was given.
 *
 * Every call takes an optional AbortSignal. An aborted call rejects with the signal's reason,
 * unwrapped (a DOMException named `AbortError` for a plain `abort()`), like `fetch`. Each
 * request is bounded as a whole by `timeoutMs` and its answer by `maxResponseBytes`. Failures
 * are `OvirtHttpError`, `OvirtNotFoundError`, `OvirtAuthError`, `OvirtPermissionError` or
 * `OvirtUnavailableError`, classified by `isRetryable`. A 2xx answer counts only when it is
 * the JSON the API promises (an action only with status `complete`). Reads and end/clear
 * actions are retried in-process (bounded by `retries`); adds never are.
 *
 * @example
 * const ovirt = createOvirtClient({ url: 'https://engine.example/ovirt-engine/api', username: 'admin@internal', password, caFile });
 * const job = await ovirt.addJob({ description: 'nightly backup', autoCleared: true, correlationId: 'exec-42-a1' }, signal);
 */
export function createOvirtClient(input: OvirtClientOptions): OvirtClient {
  const options = resolveOvirtOptions(input);
  const dispatcher = options.dispatcher ?? createEnginePool(options);
  const transport: Transport = {
    dispatcher,
    origin: options.origin,
    headersTimeoutMs: options.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    logger: options.logger,
  };
  const credentials = options.credentials;
  const tokens = createTokenSource({
    token: options.token,
    login: credentials && (() => requestToken(transport, options.enginePath, credentials)),
  });
  const api = createApiCaller(transport, tokens, {
    apiPath: options.apiPath,
    userAgent: options.userAgent,
    extraHeaders: options.headers,
    retry: options.retry,
  });
  const ops = createOperations(api);
  return {
    addJob: ops.addJob,
    getJob: (jobId, signal) => nullWhenNotFound(ops.getJob(jobId, signal)),
    findJobsByCorrelationId: ops.searchJobs,
    listJobs: ops.listJobs,
    endJob: ops.endJob,
    clearJob: ops.clearJob,
    addStep: ops.addStep,
    listSteps: ops.listSteps,
    getStep: (jobId, stepId, signal) => nullWhenNotFound(ops.getStep(jobId, stepId, signal)),
    endStep: ops.endStep,
    async login(signal) {
      await tokens.get(signal);
    },
    engineInfo: ops.getApiRoot,
    async logout(signal) {
      const token = tokens.current();
      if (token === undefined) return;
      tokens.forget();
      await revokeToken(transport, options.enginePath, token, signal);
    },
    async close() {
      if (!options.dispatcher) await dispatcher.close();
    },
  };
}

/** @internal The port's contract for reads: a 404 (gone, e.g. cleaned up) is null, not an error. */
async function nullWhenNotFound<T>(pending: Promise<T>): Promise<T | null> {
  try {
    return await pending;
  } catch (error) {
    if (isOvirtNotFoundError(error)) return null;
    throw error;
  }
}
