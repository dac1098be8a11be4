/**
 * Text hygiene and small pure helpers: truncation by code points, error text cleaning, the
 * sibling-safe cut, step type rules and the Correlation-Id formula.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { correlationId } from '../../../src/core/correlation-id.js';
import { stepTypeFor } from '../../../src/core/step-type.js';
import { cleanText, failureText, readableCause, truncate, uniqueCut, withSuffix } from '../../../src/core/text.js';

describe('Function: truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven char', 10, 'eleven ch…'],
    ['😀😀😀😀', 3, '😀😀…'],
  ])('cuts %j to %i code points', (text, max, expected) => {
    // Prepare
    const input = text;

    // Act
    const out = truncate(input, max);

    // Assess
    expect(out).toBe(expected);
  });
});

describe('Function: cleanText / failureText', () => {
  it('replaces control characters, collapses whitespace and limits to 200 characters', () => {
    // Prepare
    const noisy = `  a\u0000b\r\n\tc   ${'x'.repeat(300)}`;

    // Act
    const clean = cleanText(noisy);

    // Assess
    expect(clean.startsWith('a b c xxx')).toBe(true);
    expect([...clean]).toHaveLength(200);
    expect(clean.endsWith('…')).toBe(true);
  });

  it.each([
    [{ error: 'E', cause: 'C' }, 'E: C'],
    [{ error: 'E', cause: '' }, 'E'],
    [{ error: '', cause: 'C' }, 'C'],
    [{ error: '', cause: '' }, ''],
  ])('renders %j as %j', (failure, expected) => {
    // Prepare
    const input = failure;

    // Act
    const text = failureText(input);

    // Assess
    expect(text).toBe(expected);
  });
});

describe('Function: withSuffix / uniqueCut', () => {
  it('keeps the suffix whole and cuts the base', () => {
    // Prepare
    const base = 'x'.repeat(30);

    // Act
    const out = withSuffix(base, ' (redrive 3)', 20);

    // Assess
    expect(out).toBe(`${'x'.repeat(7)}… (redrive 3)`);
  });

  it('cuts everything when the suffix alone does not fit', () => {
    // Prepare
    const suffix = ' (a very long suffix)';

    // Act
    const out = [withSuffix('base', suffix, 10), uniqueCut('base', suffix, 10)];

    // Assess
    expect(out).toEqual(['base (a v…', 'base (a v…']);
  });

  it('tells apart names that only differ after the cut', () => {
    // Prepare
    const names = ['DeployToStagingRegionEuWest1', 'DeployToStagingRegionUsEast1'];

    // Act
    const cut = names.map((name) => uniqueCut(name, ' (visit 2)', 24));

    // Assess
    expect(cut).toEqual(
      names.map((name) => `DeployTo…#${createHash('sha256').update(name).digest('hex').slice(0, 4)} (visit 2)`),
    );
    expect(new Set(cut).size).toBe(2);
  });
});

describe('Function: stepTypeFor', () => {
  it('uses the first matching rule, executing otherwise, and never matches an invalid pattern', () => {
    // Prepare
    const rules = [
      { pattern: '[', type: 'validating' as const },
      { pattern: '^Validate', type: 'validating' as const },
      { pattern: 'Validate|Cleanup', type: 'finalizing' as const },
    ];

    // Act
    const types = ['ValidateInput', 'CleanupTemp', 'Deploy', '['].map((name) => stepTypeFor(name, rules));

    // Assess
    expect(types).toEqual(['validating', 'finalizing', 'executing', 'executing']);
  });
});

describe('Function: correlationId', () => {
  it('is opj- plus 32 hex digits of sha256(arn#run)', () => {
    // Prepare
    const arn = 'arn:aws:states:eu-west-1:482913557106:execution:release-pipeline:release-2025-03-14-0142';

    // Act
    const ids = [0, 1].map((run) => correlationId(arn, run));

    // Assess
    expect(ids).toEqual([0, 1].map((run) => `opj-${createHash('sha256').update(`${arn}#${run}`).digest('hex').slice(0, 32)}`));
    expect(ids.every((id) => id.length === 36 && /^[A-Za-z0-9_-]+$/.test(id))).toBe(true);
  });
});

describe('Function: readableCause', () => {
  it.each([
    ['a Lambda error object gives its message', '{"errorType":"Boom","errorMessage":"disk full","trace":["Boom: disk full","  at x"]}', 'disk full'],
    ['an SDK-style error object gives its message', '{"message":"Rate exceeded","code":"Throttling"}', 'Rate exceeded'],
    ['a child execution description gives its Cause', '{"Error":"Failed","Cause":"child failed"}', 'child failed'],
    ['JSON without a message stays as it is', '{"statusCode":500}', '{"statusCode":500}'],
    ['an empty message is not used', '{"errorMessage":"  "}', '{"errorMessage":"  "}'],
    ['broken JSON stays as it is', '{"errorMessage":', '{"errorMessage":'],
    ['plain text stays as it is', 'Integration test suite still failing', 'Integration test suite still failing'],
  ])('%s', (_name, cause, expected) => {
    // Act
    const text = readableCause(cause);

    // Assess
    expect(text).toBe(expected);
  });
});
