/**
 * Identifier helpers: UUID checks like the engine's `asGuidOr404`, stable user ids and the
 * Correlation-Id cleaning rule of the REST layer (docs/ovirt-engine-behaviour.md#correlation-id).
 */
import { createHash, randomUUID } from 'node:crypto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** parseUuid returns the id in canonical lower case, or undefined when it is not a UUID. */
export function parseUuid(text: string): string | undefined {
  return UUID_PATTERN.test(text) ? text.toLowerCase() : undefined;
}

/** newId returns a random UUID, as the engine gives every job and step. */
export function newId(): string {
  return randomUUID();
}

/**
 * userIdFor derives a stable UUID from a login name, so a user's id (the job `owner`) is the
 * same across simulator restarts without having to be stored.
 */
export function userIdFor(name: string): string {
  const hex = createHash('sha256').update(`ovirt-sim-user:${name}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** CORRELATION_ID_MAX_LENGTH is where the REST layer truncates correlation ids. */
export const CORRELATION_ID_MAX_LENGTH = 36;

/**
 * correlationIdFrom applies the engine's rule: header first, then query parameter; drop every
 * character outside `[0-9A-Za-z_-]`, keep 36 characters; a random UUID when nothing is left.
 */
export function correlationIdFrom(header: string | undefined, query: string | undefined): string {
  const raw = header ?? query;
  const cleaned = (raw ?? '').replace(/[^0-9A-Za-z_-]/g, '').slice(0, CORRELATION_ID_MAX_LENGTH);
  return cleaned.length > 0 ? cleaned : randomUUID();
}
