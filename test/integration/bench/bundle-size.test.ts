/**
 * Cold start is mostly module loading, so the deployable stays small: each function's zip
 * holds one minified module, without a source map and without the AWS SDK (the nodejs24.x
 * runtime provides it), under the benchmark's 400 KB goal. Packaging runs offline.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Packaged } from '../../../bench/coldstart/package-functions.js';
import { packageFunctions } from '../../../bench/coldstart/package-functions.js';
import { GOAL_LIMITS } from '../../../bench/report/goals.js';

describe('function bundles', () => {
  let packaged: Packaged;

  beforeAll(async () => {
    packaged = await packageFunctions();
  }, 300_000);

  afterAll(() => packaged?.dispose());

  it('fit each function in a zip of at most 400 KB', () => {
    // Act
    const sizes = packaged.functions.map((fn) => ({ name: fn.name, zipBytes: fn.zipBytes }));

    // Assess
    expect(sizes.map((s) => s.name)).toEqual(['onExecutionEvent', 'sweep']);
    for (const size of sizes) expect(size.zipBytes, size.name).toBeLessThanOrEqual(GOAL_LIMITS.zipBytes);
  });

  it('leave the AWS SDK to the runtime and ship no source map', () => {
    // Act
    const modules = packaged.functions.map((fn) => readFileSync(fn.modulePath, 'utf8'));

    // Assess
    for (const code of modules) {
      expect(code).toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
      expect(code).not.toContain('sourceMappingURL');
      expect(code).not.toContain('class SFNClient');
    }
  });
});
