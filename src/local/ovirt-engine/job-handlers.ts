/**
 * Handlers of the job routes: list (with search, max, page, follow), get, add, end, clear.
 */
import type { ApiContext } from './api-context.js';
import { decodeAction, decodeJob } from './decode.js';
import { mandatory, notFound, queryPermission } from './errors.js';
import type { SimResponse } from './http-io.js';
import {
  awaitGrace, decodeBody, follows, locationHeader, maxParam, requireAdminQuery, requireInjectPermission, withActionEcho,
} from './handler-support.js';
import { addJob, clearJob, endJob } from './job-commands.js';
import type { JobRecord } from './records.js';
import { actionEntity, jobEntity, jobReference, stepEntity } from './render-entities.js';
import type { Entity } from './representation.js';
import { docResponse } from './respond.js';
import { parseJobSearch } from './search.js';

/** @internal */
function renderJob(ctx: ApiContext, job: JobRecord): Entity {
  const steps = follows(ctx, 'steps') ? ctx.store.stepsOfJob(job.id).map((step) => stepEntity(ctx.base, job.id, step)) : undefined;
  return jobEntity(ctx.base, job, steps);
}

/** @internal Applies `search` (malformed → empty), then `page`/`max` from the oldest end. */
function selectJobs(ctx: ApiContext): JobRecord[] {
  let jobs = ctx.store.jobs();
  const max = maxParam(ctx);
  const query = ctx.params.get('search');
  let page: number | undefined;
  if (query !== null && query.trim() !== '') {
    const search = parseJobSearch(query);
    if (search === undefined) return [];
    jobs = jobs.filter((job) => search.matches(job));
    page = search.page;
  }
  if (max === undefined) return jobs;
  const start = page !== undefined && page > 0 ? (page - 1) * max : 0;
  return jobs.slice(start, start + max);
}

/** listJobs: `GET /jobs`, every job (internal ones too), oldest first; admin-only and unfiltered. */
export function listJobs(ctx: ApiContext): Promise<SimResponse> {
  requireAdminQuery(ctx);
  const items = selectJobs(ctx).map((job) => renderJob(ctx, job));
  return Promise.resolve(docResponse(ctx, 200, { kind: 'list', root: 'jobs', item: 'job', items }));
}

/** getJob: `GET /jobs/{id}`; 404 when unknown, or (filtered) not owned by the caller. */
export function getJob(ctx: ApiContext, [jobId = '']: string[]): Promise<SimResponse> {
  if (!ctx.filtered && !ctx.user.admin) throw queryPermission();
  const job = ctx.store.job(jobId);
  if (job === undefined || (ctx.filtered && job.ownerId !== ctx.user.id)) throw notFound();
  return Promise.resolve(docResponse(ctx, 200, { kind: 'entity', root: 'job', entity: renderJob(ctx, job) }));
}

/** addJob: `POST /jobs`; 201 with Location and the job. */
export function addJobHandler(ctx: ApiContext): Promise<SimResponse> {
  const input = decodeBody(ctx, decodeJob, 'jobs', 'add');
  if (input.description === undefined) throw mandatory('job.description');
  requireInjectPermission(ctx, false);
  const job = addJob(ctx.store, ctx.now(), {
    description: input.description,
    autoCleared: input.autoCleared,
    ownerId: ctx.user.id,
    correlationId: ctx.correlationId,
  });
  const entity = jobEntity(ctx.base, job);
  return Promise.resolve(docResponse(ctx, 201, { kind: 'entity', root: 'job', entity }, locationHeader(ctx, entity.href ?? '')));
}

/** endJobHandler: `POST /jobs/{id}/end`; succeeded defaults to true, force to false. */
export async function endJobHandler(ctx: ApiContext, [jobId = '']: string[]): Promise<SimResponse> {
  const input = decodeBody(ctx, decodeAction, 'job', 'end');
  await awaitGrace(input);
  withActionEcho(input, () => requireInjectPermission(ctx, true));
  withActionEcho(input, () => endJob(ctx.store, ctx.now(), jobId, input.succeeded ?? true, input.force ?? false));
  const action = actionEntity(input, { status: 'complete', job: jobReference(ctx.base, jobId) });
  return docResponse(ctx, 200, { kind: 'entity', root: 'action', entity: action });
}

/** clearJobHandler: `POST /jobs/{id}/clear`; only sets auto_cleared. */
export async function clearJobHandler(ctx: ApiContext, [jobId = '']: string[]): Promise<SimResponse> {
  const input = decodeBody(ctx, decodeAction, 'job', 'clear');
  await awaitGrace(input);
  withActionEcho(input, () => requireInjectPermission(ctx, true));
  withActionEcho(input, () => clearJob(ctx.store, jobId));
  const action = actionEntity(input, { status: 'complete', job: jobReference(ctx.base, jobId) });
  return docResponse(ctx, 200, { kind: 'entity', root: 'action', entity: action });
}
