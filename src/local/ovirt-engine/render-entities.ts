/**
 * Builds the representation of jobs, steps, actions, faults and references. `base` is the
 * API prefix of the request ('/ovirt-engine/api' or '/ovirt-engine/api/v4') so every href
 * carries `/v4` when the request did.
 */
import type { JobRecord, StepRecord } from './records.js';
import { bool, date, entity, int, links, text } from './representation.js';
import type { Entity, Field } from './representation.js';
import type { ActionInput } from './decode.js';

/** jobHref is the href of a job below an API prefix. */
export function jobHref(base: string, jobId: string): string {
  return `${base}/jobs/${jobId}`;
}

/** userHref is the href of a user below an API prefix (a job's `owner`, the API root's users). */
export function userHref(base: string, userId: string): string {
  return `${base}/users/${userId}`;
}

/** userReference is a reference to a user: id and href only. */
export function userReference(base: string, userId: string): Entity {
  return { id: userId, href: userHref(base, userId), fields: [] };
}

/**
 * userEntity renders a user from its login name `principal@profile` (split at the last `@`):
 * `name` and `principal` are the principal, `user_name` is `principal@<profile>-authz` (the
 * authorization extension behind the profile, named as the internal profile names it) and
 * `namespace` is `*`. No links: the simulator has no sub-collections of users.
 */
export function userEntity(base: string, user: { readonly id: string; readonly name: string }): Entity {
  const at = user.name.lastIndexOf('@');
  const principal = at < 0 ? user.name : user.name.slice(0, at);
  const profile = at < 0 ? 'internal' : user.name.slice(at + 1);
  return {
    ...userReference(base, user.id),
    fields: [
      ['name', text(principal)],
      ['namespace', text('*')],
      ['principal', text(principal)],
      ['user_name', text(`${principal}@${profile}-authz`)],
    ],
  };
}

/** jobReference is the `job` reference of an action result: href, id, action links, steps link. */
export function jobReference(base: string, jobId: string): Entity {
  const href = jobHref(base, jobId);
  return {
    id: jobId,
    href,
    fields: [
      ['actions', entity({ fields: [['link', links([{ href: `${href}/clear`, rel: 'clear' }, { href: `${href}/end`, rel: 'end' }])]] })],
      ['link', links([{ href: `${href}/steps`, rel: 'steps' }])],
    ],
  };
}

/** jobEntity renders a job; `steps` is embedded only when `follow=steps` asked for it. */
export function jobEntity(base: string, job: JobRecord, steps?: readonly Entity[]): Entity {
  const reference = jobReference(base, job.id);
  const [actions, stepsLink] = reference.fields;
  const fields: Field[] = [];
  if (actions !== undefined) fields.push(actions);
  fields.push(['description', text(job.description)]);
  if (stepsLink !== undefined) fields.push(stepsLink);
  fields.push(['auto_cleared', bool(job.autoCleared)]);
  if (job.endTime !== undefined) fields.push(['end_time', date(job.endTime)]);
  fields.push(['external', bool(job.external)], ['last_updated', date(job.lastUpdated)]);
  fields.push(['start_time', date(job.startTime)], ['status', text(job.status)]);
  fields.push(['owner', entity(userReference(base, job.ownerId))]);
  if (steps !== undefined) fields.push(['steps', { t: 'list', item: 'step', v: steps }]);
  return { id: job.id, href: reference.href, fields };
}

/** stepEntity renders a step; its href and `job` reference use `urlJobId`, as the engine does. */
export function stepEntity(base: string, urlJobId: string, step: StepRecord): Entity {
  const jobPath = jobHref(base, urlJobId);
  const href = `${jobPath}/steps/${step.id}`;
  const fields: Field[] = [
    ['actions', entity({ fields: [['link', links([{ href: `${href}/end`, rel: 'end' }])]] })],
    ['description', text(step.description)],
    ['link', links([{ href: `${href}/statistics`, rel: 'statistics' }])],
  ];
  if (step.endTime !== undefined) fields.push(['end_time', date(step.endTime)]);
  fields.push(['external', bool(step.external)], ['number', int(step.number)]);
  if (step.progress !== undefined) fields.push(['progress', int(step.progress)]);
  fields.push(['start_time', date(step.startTime)], ['status', text(step.status)], ['type', text(step.type)]);
  fields.push(['job', entity({ id: urlJobId, href: jobPath, fields: [] })]);
  if (step.parentStepId !== undefined) {
    fields.push(['parent_step', entity({ id: step.parentStepId, href: `${jobPath}/steps/${step.parentStepId}`, fields: [] })]);
  }
  return { id: step.id, href, fields };
}

/** faultEntity renders a fault: `detail` before `reason`, as the schema sorts them. */
export function faultEntity(reason: string, detail: string): Entity {
  return { fields: [['detail', text(detail)], ['reason', text(reason)]] };
}

/** ActionOutcome is what an action result adds to the echoed request. */
export interface ActionOutcome {
  status: 'complete' | 'failed';
  fault?: Entity | undefined;
  job?: Entity | undefined;
}

/** actionEntity echoes the request's action fields and adds status, fault and job (alphabetical order). */
export function actionEntity(input: ActionInput | undefined, outcome: ActionOutcome): Entity {
  const fields: Field[] = [];
  if (input?.async !== undefined) fields.push(['async', bool(input.async)]);
  if (outcome.fault !== undefined) fields.push(['fault', entity(outcome.fault)]);
  if (input?.force !== undefined) fields.push(['force', bool(input.force)]);
  if (input?.hasGracePeriod === true) {
    const expiry: Field[] = input.gracePeriodExpiry === undefined ? [] : [['expiry', int(input.gracePeriodExpiry)]];
    fields.push(['grace_period', entity({ fields: expiry })]);
  }
  if (outcome.job !== undefined) fields.push(['job', entity(outcome.job)]);
  fields.push(['status', text(outcome.status)]);
  if (input?.succeeded !== undefined) fields.push(['succeeded', bool(input.succeeded)]);
  return { fields };
}
