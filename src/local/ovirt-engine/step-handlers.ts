/**
 * Handlers of the step routes: list, get, add (with `parent_step`), end and statistics.
 * Step hrefs and `job` references always use the job id from the URL, as the engine does.
 */
import type { ApiContext } from './api-context.js';
import { decodeAction, decodeStep } from './decode.js';
import { EngineFault, mandatory, notFound, REASONS } from './errors.js';
import type { SimResponse } from './http-io.js';
import { parseUuid } from './ids.js';
import {
  awaitGrace, decodeBody, locationHeader, maxParam, requireAdminQuery, requireInjectPermission, withActionEcho,
} from './handler-support.js';
import { actionEntity, stepEntity } from './render-entities.js';
import { docResponse } from './respond.js';
import { addStep, endStep } from './step-commands.js';

/** listSteps: `GET /jobs/{id}/steps`, one flat list; an unknown job gives an empty list. */
export function listSteps(ctx: ApiContext, [jobId = '']: string[]): Promise<SimResponse> {
  requireAdminQuery(ctx);
  const max = maxParam(ctx);
  const steps = ctx.store.stepsOfJob(jobId).slice(0, max);
  const items = steps.map((step) => stepEntity(ctx.base, jobId, step));
  return Promise.resolve(docResponse(ctx, 200, { kind: 'list', root: 'steps', item: 'step', items }));
}

/** getStep: `GET /jobs/{id}/steps/{sid}`, looked up by step id alone. */
export function getStep(ctx: ApiContext, [jobId = '', stepId = '']: string[]): Promise<SimResponse> {
  requireAdminQuery(ctx);
  const step = ctx.store.step(stepId);
  if (step === undefined) throw notFound();
  return Promise.resolve(docResponse(ctx, 200, { kind: 'entity', root: 'step', entity: stepEntity(ctx.base, jobId, step) }));
}

/** stepStatistics: external steps have no statistics, so an existing step gives an empty collection. */
export function stepStatistics(ctx: ApiContext, [, stepId = '']: string[]): Promise<SimResponse> {
  requireAdminQuery(ctx);
  if (ctx.store.step(stepId) === undefined) throw notFound();
  return Promise.resolve(docResponse(ctx, 200, { kind: 'list', root: 'statistics', item: 'statistic', items: [] }));
}

/** @internal The REST-layer checks on `parent_step` before the engine sees the request. */
function parentTarget(parentStep: { id?: string | undefined } | undefined, urlJobId: string): string {
  if (parentStep === undefined) return urlJobId;
  if (parentStep.id === undefined) throw new EngineFault(400, 'fault', REASONS.incomplete, 'Step [parentStep.id] required for add');
  const id = parseUuid(parentStep.id.trim());
  if (id === undefined) throw new EngineFault(400, 'fault', REASONS.badUuid, `Invalid UUID string: ${parentStep.id}`);
  return id;
}

/** addStepHandler: `POST /jobs/{id}/steps`; 201 with Location and the step. */
export function addStepHandler(ctx: ApiContext, [jobId = '']: string[]): Promise<SimResponse> {
  const input = decodeBody(ctx, decodeStep, 'steps', 'add');
  if (input.description === undefined) throw mandatory('step.description');
  if (input.type === undefined) throw mandatory('step.type');
  const targetId = parentTarget(input.parentStep, jobId);
  requireInjectPermission(ctx, false);
  const step = addStep(ctx.store, ctx.now(), { targetId, description: input.description, type: input.type });
  const entity = stepEntity(ctx.base, jobId, step);
  return Promise.resolve(docResponse(ctx, 201, { kind: 'entity', root: 'step', entity }, locationHeader(ctx, entity.href ?? '')));
}

/** endStepHandler: `POST /jobs/{id}/steps/{sid}/end`; `succeeded` is mandatory, the URL job id is not checked. */
export async function endStepHandler(ctx: ApiContext, [, stepId = '']: string[]): Promise<SimResponse> {
  const input = decodeBody(ctx, decodeAction, 'step', 'end');
  if (input.succeeded === undefined) throw mandatory('succeeded');
  const succeeded = input.succeeded;
  await awaitGrace(input);
  withActionEcho(input, () => requireInjectPermission(ctx, true));
  withActionEcho(input, () => endStep(ctx.store, ctx.now(), stepId, succeeded));
  return docResponse(ctx, 200, { kind: 'entity', root: 'action', entity: actionEntity(input, { status: 'complete' }) });
}
