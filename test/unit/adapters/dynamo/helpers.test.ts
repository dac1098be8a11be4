import { describe, expect, it } from 'vitest';
import { forEachConcurrently } from '../../../../src/adapters/dynamo/concurrency.js';
import { namesIn, updateExpression } from '../../../../src/adapters/dynamo/expressions.js';

describe('Function: namesIn', () => {
  it('aliases exactly the #names used, each to itself', () => {
    // Prepare
    const update = 'SET #state = :s, #cursor = if_not_exists(#cursor, :zero)';
    const condition = '#leaseOwner = :o OR attribute_not_exists(#state)';

    // Act
    const names = namesIn(update, undefined, condition);

    // Assess
    expect(names).toEqual({ '#state': 'state', '#cursor': 'cursor', '#leaseOwner': 'leaseOwner' });
  });
});

describe('Function: updateExpression', () => {
  it('joins the non-empty clauses in SET, REMOVE, ADD order', () => {
    // Prepare
    const clauses = { set: ['#a = :a', '#b = :b'], remove: [], add: ['#n :one'] };

    // Act
    const expression = updateExpression(clauses);

    // Assess
    expect(expression).toBe('SET #a = :a, #b = :b ADD #n :one');
  });
});

describe('Function: forEachConcurrently', () => {
  it('runs every item with no more than `limit` in flight', async () => {
    // Prepare
    const items = Array.from({ length: 20 }, (_, i) => i);
    const done: number[] = [];
    let inFlight = 0;
    let peak = 0;

    // Act
    await forEachConcurrently(items, 3, async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      done.push(item);
    });

    // Assess
    expect(peak).toBe(3);
    expect([...done].sort((a, b) => a - b)).toEqual(items);
  });

  it('rejects with the first failure after the running calls settle, starting no new ones', async () => {
    // Prepare
    const started: number[] = [];
    let running = 0;

    // Act
    const outcome = await forEachConcurrently([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      running += 1;
      await new Promise((resolve) => setTimeout(resolve, item === 0 ? 1 : 5));
      running -= 1;
      if (item === 0) throw new Error('first');
      if (item === 1) throw new Error('second');
    }).catch((e: unknown) => e);

    // Assess
    expect((outcome as Error).message).toBe('first');
    expect(running).toBe(0);
    expect(started).toEqual([0, 1]);
  });
});
