/**
 * `GET /ovirt-engine/api`: the API root, enough for SDK connection tests (`connection.test()`
 * reads it): links to the job collection, product information, the engine time and the
 * authenticated user (whose href `GET /users/{id}` answers).
 */
import type { ApiContext } from './api-context.js';
import type { SimResponse } from './http-io.js';
import { date, entity, int, links, text } from './representation.js';
import type { Entity } from './representation.js';
import { userReference } from './render-entities.js';
import { docResponse } from './respond.js';

/** PRODUCT_VERSION is the engine version the simulator reports. */
export const PRODUCT_VERSION = { major: 4, minor: 5, build: 6, revision: 0, full: '4.5.6-0.simulator' } as const;

/** @internal */
function productInfo(): Entity {
  const version: Entity = {
    fields: [
      ['build', int(PRODUCT_VERSION.build)],
      ['full_version', text(PRODUCT_VERSION.full)],
      ['major', int(PRODUCT_VERSION.major)],
      ['minor', int(PRODUCT_VERSION.minor)],
      ['revision', int(PRODUCT_VERSION.revision)],
    ],
  };
  return { fields: [['name', text('oVirt Engine')], ['vendor', text('ovirt.org')], ['version', entity(version)]] };
}

/** apiRoot answers the API root document. */
export function apiRoot(ctx: ApiContext): Promise<SimResponse> {
  const userRef = userReference(ctx.base, ctx.user.id);
  const root: Entity = {
    fields: [
      ['link', links([
        { href: `${ctx.base}/jobs`, rel: 'jobs' },
        { href: `${ctx.base}/jobs?search={query}`, rel: 'jobs/search' },
      ])],
      ['product_info', entity(productInfo())],
      ['time', date(ctx.now())],
      ['authenticated_user', entity(userRef)],
      ['effective_user', entity(userRef)],
    ],
  };
  return Promise.resolve(docResponse(ctx, 200, { kind: 'entity', root: 'api', entity: root }));
}
