#!/usr/bin/env node
// The operator command. An installed package runs its bundled copy (dist/cli.mjs, built by
// `npm pack`/`npm publish` through the prepack script); a clone runs the TypeScript sources
// through tsx, so `npx ovirt-pipeline-jobs` works right after `npm ci`.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/cli.mjs', import.meta.url);
if (existsSync(bundled)) {
  await (await import(bundled.href)).main();
} else {
  await import('tsx/esm');
  await (await import(new URL('../src/cli/main.ts', import.meta.url).href)).main();
}
