import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCorrelationId, pathId, wireBoolean } from '../../../../src/adapters/ovirt/inputs.js';

const ALLOWED = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

describe('Function: checkCorrelationId', () => {
  it('accepts every id of 1 to 36 allowed characters unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALLOWED), minLength: 1, maxLength: 36 }), (id) => {
        // Prepare
        const input = id;

        // Act
        const checked = checkCorrelationId(input);

        // Assess
        expect(checked).toBe(id);
      }),
    );
  });

  it('refuses ids the engine would strip or truncate', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...ALLOWED), minLength: 37, maxLength: 80 }),
          fc.tuple(fc.string({ unit: fc.constantFrom(...ALLOWED), maxLength: 20 }), fc.constantFrom(' ', ':', '/', '.', 'é', '=', '%'))
            .map(([prefix, bad]) => prefix + bad),
          fc.constant(''),
        ),
        (id) => {
          // Prepare
          const check = () => checkCorrelationId(id);

          // Act / Assess
          expect(check).toThrow(/at most 36 characters/);
        },
      ),
    );
  });
});

describe('Function: pathId', () => {
  it('encodes an id for a path segment and refuses a blank one', () => {
    // Prepare
    const ids = ['3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10', 'a/b?c'];

    // Act
    const encoded = ids.map((id) => pathId(id, 'job'));

    // Assess
    expect(encoded).toEqual(['3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10', 'a%2Fb%3Fc']);
    expect(() => pathId('  ', 'step')).toThrow(/step id is empty/);
  });
});

describe('Function: wireBoolean', () => {
  it('writes booleans as the strings the engine uses', () => {
    // Prepare
    const values = [true, false];

    // Act
    const wire = values.map(wireBoolean);

    // Assess
    expect(wire).toEqual(['true', 'false']);
  });
});
