/**
 * Cold start is mostly module loading, so the deployable stays small: each function's zip
 * holds one minified module, without a source map and without the AWS SDK (the nodejs24.x
 * runtime provides it), under the benchmark's 400 KB goal. Packaging runs offline.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Packaged } from '../../../bench/coldstart/package-functions.js';
import { packageFunctions } from '../../../bench/coldstart/package-functions.js';
import { GOAL_LIMITS } from '../../../bench/report/goals.js';

describe('function bundles', () => {
  let packaged: Packaged;
  // The packaging runs with a temp folder of this file's own, so what it leaves there can be seen
  // apart from what other processes on the machine leave in the shared one.
  const systemTemp = process.env.TMPDIR;
  const temp = mkdtempSync(join(tmpdir(), 'opj-bundle-size-'));

  beforeAll(async () => {
    process.env.TMPDIR = temp;
    packaged = await packageFunctions();
  }, 300_000);

  afterAll(() => {
    packaged?.dispose();
    if (systemTemp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = systemTemp;
    rmSync(temp, { recursive: true, force: true });
  });

  it('fit each function in a zip of at most 400 KB', () => {
    // Act
    const sizes = packaged.functions.map((fn) => ({ name: fn.name, zipBytes: fn.zipBytes }));

    // Assess
    expect(sizes.map((s) => s.name)).toEqual(['onExecutionEvent', 'onExecutionLogs', 'sweep']);
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

  // Last: it removes the bundles the tests above read.
  it('issue 10 §3: leave no unpacked bundle in the temp folder once disposed (npm run bench left one per function per run)', () => {
    // Act
    packaged.dispose();
    // The serverless CLI keeps Node's compile cache there: one folder, reused by every run.
    const left = readdirSync(temp).filter((entry) => entry !== 'node-compile-cache');

    // Assess
    expect(left).toEqual([]);
  });
});
