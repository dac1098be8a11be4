/**
 * parseParallelBranches: branch StartAt names per Parallel state, from nested definitions.
 */
import { describe, expect, it } from 'vitest';
import { parseParallelBranches } from '../../../src/core/desired.js';
import { loadDefinition } from '../../helpers/fixtures.js';

const branch = (startAt: string, states: Record<string, unknown> = { [startAt]: { Type: 'Pass', End: true } }) => ({
  StartAt: startAt,
  States: states,
});

describe('Function: parseParallelBranches', () => {
  it('reads the branches of fixture d in definition order', () => {
    // Prepare
    const definition = loadDefinition('d');

    // Act
    const branches = parseParallelBranches(definition);

    // Assess
    expect([...branches]).toEqual([['RunQualityGates', ['UnitTests', 'StartSecurityScan']]]);
  });

  it('finds Parallel states inside branches, Map ItemProcessor and legacy Iterator', () => {
    // Prepare
    const definition = {
      StartAt: 'Outer',
      States: {
        Outer: {
          Type: 'Parallel',
          Branches: [branch('Inner', { Inner: { Type: 'Parallel', Branches: [branch('A'), branch('B')] } }), branch('C')],
        },
        Items: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch('D')] } } } },
        Old: { Type: 'Map', Iterator: { StartAt: 'Q', States: { Q: { Type: 'Parallel', Branches: [branch('E'), {}] } } } },
      },
    };

    // Act
    const branches = parseParallelBranches(definition);

    // Assess
    expect(Object.fromEntries(branches)).toEqual({ Outer: ['Inner', 'C'], Inner: ['A', 'B'], P: ['D'], Q: ['E', ''] });
  });

  it('leaves out a name used by two Parallel states with different branches', () => {
    // Prepare
    const twin = (first: string) => ({ Type: 'Parallel', Branches: [branch(first)] });
    const definition = {
      StartAt: 'Same',
      States: {
        Same: twin('X'),
        Items: { Type: 'Map', ItemProcessor: { StartAt: 'Same', States: { Same: twin('Y'), Again: twin('Z') } } },
        Copy: { Type: 'Map', ItemProcessor: { StartAt: 'Again', States: { Again: twin('Z') } } },
      },
    };

    // Act
    const branches = parseParallelBranches(definition);

    // Assess
    expect(Object.fromEntries(branches)).toEqual({ Again: ['Z'] });
  });

  it.each([null, 42, 'text', [], { States: 'nope' }, { States: { A: null } }])('returns nothing for %j', (definition) => {
    // Prepare
    const input: unknown = definition;

    // Act
    const branches = parseParallelBranches(input);

    // Assess
    expect(branches.size).toBe(0);
  });
});
