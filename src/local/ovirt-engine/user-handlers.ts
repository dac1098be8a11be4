/**
 * `GET /users/{id}`: the user a job's `owner` and the API root's `authenticated_user` /
 * `effective_user` point at, so clients that follow those links (the Python SDK's
 * `follow_link`, Ansible's nested-link fetching) get the user instead of 404. Read rules are
 * those of `GET /jobs/{id}`: an administrator unfiltered reads any user; in filtered mode (the
 * default for non-administrators) only the caller itself is visible and any other id is 404;
 * a non-administrator asking to be unfiltered fails the query with 400.
 */
import type { ApiContext } from './api-context.js';
import { notFound, queryPermission } from './errors.js';
import type { SimResponse } from './http-io.js';
import { userEntity } from './render-entities.js';
import { docResponse } from './respond.js';

/** getUser answers one user, or 404 when unknown or (filtered) not the caller. */
export function getUser(ctx: ApiContext, [userId = '']: string[]): Promise<SimResponse> {
  if (!ctx.filtered && !ctx.user.admin) throw queryPermission();
  const user = ctx.users.byId(userId);
  if (user === undefined || (ctx.filtered && user.id !== ctx.user.id)) throw notFound();
  return Promise.resolve(docResponse(ctx, 200, { kind: 'entity', root: 'user', entity: userEntity(ctx.base, user) }));
}
