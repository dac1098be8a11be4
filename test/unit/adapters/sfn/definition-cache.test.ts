/**
 * DefinitionCache: lookups by execution and by revision, and its bound.
 */
import { describe, expect, it } from 'vitest';
import { DefinitionCache } from '../../../../src/adapters/sfn/definition-cache.js';

describe('Class: DefinitionCache', () => {
  it('finds a definition by execution and by revision once remembered', () => {
    // Prepare
    const cache = new DefinitionCache();
    const definition = { revisionId: 'rev-1', definition: { StartAt: 'A', States: {} } };

    // Act
    cache.remember('exec-1', definition);

    // Assess
    expect(cache.forExecution('exec-1')).toBe(definition);
    expect(cache.forRevision('rev-1')).toBe(definition);
    expect(cache.forExecution('exec-2')).toBeUndefined();
    expect(cache.forRevision(undefined)).toBeUndefined();
  });

  it('keeps a definition without revisionId only under its execution', () => {
    // Prepare
    const cache = new DefinitionCache();

    // Act
    cache.remember('exec-1', { definition: {} });

    // Assess
    expect(cache.forExecution('exec-1')).toEqual({ definition: {} });
    expect(cache.forRevision('undefined')).toBeUndefined();
  });

  it('forgets the oldest entries beyond its bound, counting a re-remembered one as new', () => {
    // Prepare
    const cache = new DefinitionCache(2);
    const make = (n: number) => ({ revisionId: `rev-${n}`, definition: { n } });
    cache.remember('exec-1', make(1));
    cache.remember('exec-2', make(2));
    cache.remember('exec-1', make(1));

    // Act
    cache.remember('exec-3', make(3));

    // Assess
    expect(cache.forExecution('exec-2')).toBeUndefined();
    expect(cache.forExecution('exec-1')).toEqual(make(1));
    expect(cache.forExecution('exec-3')).toEqual(make(3));
    expect(cache.forRevision('rev-2')).toBeUndefined();
  });
});
