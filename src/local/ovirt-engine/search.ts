/**
 * The `search` parameter of `GET /jobs` (docs/ovirt-engine-behaviour.md#search): conditions on `correlation_id` only, with `=`
 * and `!=`, exact and case-sensitive (`*` is not a wildcard), combined with `and` (binding
 * tighter) and `or`, optionally ending in `page N`. Anything else is malformed, and the
 * engine answers a malformed search with an empty list rather than an error.
 */
import type { JobRecord } from './records.js';

/** JobSearch is a parsed search: a predicate and an optional 1-based page. */
export interface JobSearch {
  matches(job: JobRecord): boolean;
  page?: number | undefined;
}

type Condition = (job: JobRecord) => boolean;

/** parseJobSearch parses a search string; undefined means malformed. */
export function parseJobSearch(query: string): JobSearch | undefined {
  const tokens = tokenize(query);
  if (tokens === undefined) return undefined;
  let page: number | undefined;
  const pageAt = tokens.length - 2;
  if (pageAt >= 0 && tokens[pageAt]?.toLowerCase() === 'page') {
    const value = tokens[pageAt + 1] ?? '';
    if (!/^\d+$/.test(value)) return undefined;
    page = Number(value);
    tokens.splice(pageAt, 2);
  }
  if (tokens.length === 0) return { matches: () => true, page };
  const matches = parseOr(tokens);
  return matches === undefined ? undefined : { matches, page };
}

/** @internal Operators split even without spaces: `correlation_id=x`; quoted values keep spaces. */
function tokenize(query: string): string[] | undefined {
  const tokens: string[] = [];
  const pattern = /\s*(!=|=|"[^"]*"|[^\s=!"]+)\s*/y;
  let rest = query.trim();
  while (rest.length > 0) {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (match === null || match[1] === undefined) return undefined;
    tokens.push(match[1]);
    rest = rest.slice(match[0].length);
  }
  return tokens;
}

/** @internal `or` of `and`-groups; each group is `correlation_id (=|!=) value`. */
function parseOr(tokens: string[]): Condition | undefined {
  const groups: Condition[][] = [[]];
  for (let i = 0; i < tokens.length; i += 3) {
    const condition = parseCondition(tokens[i], tokens[i + 1], tokens[i + 2]);
    if (condition === undefined) return undefined;
    groups[groups.length - 1]?.push(condition);
    const joiner = tokens[i + 3]?.toLowerCase();
    if (joiner === undefined) break;
    if (joiner === 'or') groups.push([]);
    else if (joiner !== 'and') return undefined;
    if (i + 4 >= tokens.length) return undefined;
    i += 1;
  }
  return (job) => groups.some((group) => group.every((condition) => condition(job)));
}

/** @internal */
function parseCondition(field?: string, operator?: string, raw?: string): Condition | undefined {
  if (field?.toLowerCase() !== 'correlation_id' || raw === undefined) return undefined;
  if (raw === '=' || raw === '!=') return undefined;
  const value = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
  if (operator === '=') return (job) => job.correlationId === value;
  if (operator === '!=') return (job) => job.correlationId !== value;
  return undefined;
}
