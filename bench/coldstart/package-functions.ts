/**
 * packageFunctions runs `serverless package` (dummy credentials: nothing leaves the machine)
 * into a temporary folder and unpacks each function's zip, so the benchmark can weigh the zips
 * and run the bundled handlers exactly as Lambda would load them. Modules the bundle leaves
 * external are resolved through a `node_modules` link, standing in for the runtime's own.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';

const run = promisify(execFile);
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** PackagedFunction is one function's zip and its unpacked handler module. */
export interface PackagedFunction {
  readonly name: string;
  readonly zipBytes: number;
  /** Path of the bundled handler module (the `.mjs` inside the zip). */
  readonly modulePath: string;
  /** Size of that module, bytes. */
  readonly moduleBytes: number;
}

/** Packaged: the functions and how to remove the temporary folder. */
export interface Packaged {
  readonly functions: readonly PackagedFunction[];
  dispose(): void;
}

/** FUNCTIONS maps serverless.yml function names to their handler files. */
export const FUNCTIONS: Readonly<Record<string, string>> = {
  onExecutionEvent: 'handlers/on-execution-event.mjs',
  onExecutionLogs: 'handlers/on-execution-logs.mjs',
  sweep: 'handlers/sweep.mjs',
};

/** packageFunctions packages the service and unpacks every function. */
export async function packageFunctions(): Promise<Packaged> {
  const dir = mkdtempSync(join(tmpdir(), 'opj-bench-package-'));
  try {
    // Placeholder engine settings: packaging refuses empty ones, and the benchmark gives the
    // handlers their real settings through the environment when it runs them.
    const settings = ['ovirtUrl=https://engine.invalid/ovirt-engine/api', 'ovirtUsername=bench@internal', 'ovirtPasswordSecret=ssm:/bench/password'];
    await run('npx', ['serverless', 'package', '--stage', 'bench', '--package', join(dir, 'artifacts'), ...settings.map((s) => `--param=${s}`)], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'dummy',
        AWS_SECRET_ACCESS_KEY: 'dummy',
        AWS_EC2_METADATA_DISABLED: 'true',
        // serverless.yml takes esbuild's work folder from here: a folder of our own keeps a
        // packaging running at the same time (tests, the local stack) from deleting ours.
        ESBUILD_WORK_FOLDER: join('node_modules', '.cache', `opj-bench-esbuild-${randomUUID()}`),
      },
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const functions = await Promise.all(Object.entries(FUNCTIONS).map(([name, handler]) => unpack(dir, name, handler)));
    return { functions, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Packaging the functions failed (npx serverless package): ${(error as Error).message}`, { cause: error });
  }
}

async function unpack(dir: string, name: string, handler: string): Promise<PackagedFunction> {
  const zip = join(dir, 'artifacts', `${name}.zip`);
  const target = join(dir, name);
  mkdirSync(target);
  await extractZip(zip, target);
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(target, 'node_modules'), 'dir');
  const modulePath = join(target, handler);
  if (!readdirSync(join(target, 'handlers')).includes(handler.split('/').pop() ?? '')) {
    throw new Error(`${name}.zip has no ${handler}; check the handler paths in serverless.yml.`);
  }
  return { name, zipBytes: statSync(zip).size, modulePath, moduleBytes: statSync(modulePath).size };
}

/**
 * extractZip unpacks `zip` into `target` in-process: `npm test` runs this, and a fresh machine
 * with only Node and npm has no `unzip` command.
 */
async function extractZip(zip: string, target: string): Promise<void> {
  const archive = await JSZip.loadAsync(readFileSync(zip));
  for (const entry of Object.values(archive.files)) {
    const path = resolve(target, entry.name);
    if (!path.startsWith(`${target}${sep}`)) throw new Error(`${zip} holds an entry outside its folder: ${entry.name}`);
    if (entry.dir) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await entry.async('nodebuffer'));
  }
}
