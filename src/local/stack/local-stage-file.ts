/**
 * The `local` stage's settings file: how `ovirt-pipeline-jobs <subcommand> --stage local` finds
 * a running `npm start`. This file is the one place that knows where it is and what it holds.
 *
 * `npm start` writes `.local-state/local-stage.json` in the project folder (git-ignored) once
 * every part listens, and removes it when it stops cleanly. It holds the environment the
 * functions run with under serverless offline (endpoints of the local parts, the simulator's
 * URL, user, throwaway password and CA file, the tracking table, the allow-list, dummy AWS keys)
 * plus the dead-letter queue, and the stack's process id, so a file left by a stack that crashed
 * or was killed is recognised instead of sending the command to ports nobody answers.
 *
 * Only node built-ins here: the operator command's bundle includes this file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';

/** LOCAL_STAGE is the stage name serverless.yml gives the local stack (`--stage local`). */
export const LOCAL_STAGE = 'local';

/** LOCAL_STATE_FOLDER is the git-ignored folder, in the project folder, holding the file. */
export const LOCAL_STATE_FOLDER = '.local-state';

const FILE_NAME = 'local-stage.json';

/** How long the liveness probe waits for the stack's DynamoDB port. */
const PROBE_TIMEOUT_MS = 1_500;

/** LocalStageFile is what the file holds. */
export interface LocalStageFile {
  /** Process id of the `npm start` that wrote it. */
  readonly pid: number;
  /** When that stack was up (ISO 8601). */
  readonly startedAt: string;
  /** The settings: variable name → value, as the operator command reads them. */
  readonly environment: Readonly<Record<string, string>>;
}

/** LocalStageError: no usable local stack; the message says what to do. */
export class LocalStageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalStageError';
  }
}

/** localStageFilePath is the file's path for the project in `projectDir`. */
export function localStageFilePath(projectDir: string): string {
  return join(projectDir, LOCAL_STATE_FOLDER, FILE_NAME);
}

/**
 * findLocalStageFile: the file of the project folder holding `start` (the nearest folder up
 * with a serverless.yml), so the command works from any folder of the clone; `start` itself
 * when no such folder is found.
 */
export function findLocalStageFile(start: string = process.cwd()): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'serverless.yml'))) return localStageFilePath(dir);
    if (dirname(dir) === dir) return localStageFilePath(start);
  }
}

/**
 * writeLocalStageFile writes the file for this process (readable by its owner only: it holds
 * the simulator's password), replacing one left by another run; written whole, then renamed,
 * so a reader never sees half of it.
 */
export function writeLocalStageFile(path: string, environment: Readonly<Record<string, string>>, now = new Date()): void {
  const content: LocalStageFile = { pid: process.pid, startedAt: now.toISOString(), environment };
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** removeLocalStageFile removes the file if this process wrote it (a later `npm start` may have replaced it). */
export function removeLocalStageFile(path: string): void {
  try {
    if (parse(readFileSync(path, 'utf8')).pid === process.pid) rmSync(path, { force: true });
  } catch {
    // Missing or unreadable: nothing of ours to remove.
  }
}

const START_HINT = 'Start it with `npm start` in another terminal (in the project folder) and run the command again.';

/**
 * readLocalStageFile returns the settings of the running local stack. It fails with a
 * LocalStageError when there is no file (no stack running), when the file is not one this
 * version writes, and when the stack that wrote it is gone (its process ended without removing
 * the file, or its ports do not answer).
 */
export async function readLocalStageFile(path: string): Promise<LocalStageFile> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new LocalStageError(`No local stack is running: ${path} does not exist. ${START_HINT}`, { cause: error });
    }
    throw new LocalStageError(`Could not read ${path}: ${(error as Error).message}.`, { cause: error });
  }
  let file: LocalStageFile;
  try {
    file = parse(text);
  } catch (error) {
    throw new LocalStageError(`${path} is not a local stack's settings file (${(error as Error).message}). Delete it, then ${lowerFirst(START_HINT)}`, { cause: error });
  }
  const stale = `${path} was left by a local stack (pid ${file.pid}, up since ${file.startedAt}) that`;
  if (!isAlive(file.pid)) {
    throw new LocalStageError(`${stale} is no longer running: it crashed or was killed before it could remove the file. ${START_HINT}`);
  }
  const probe = file.environment['AWS_ENDPOINT_URL_DYNAMODB'];
  if (probe !== undefined && !(await answers(probe))) {
    throw new LocalStageError(
      `${stale} does not answer at ${probe}: process ${file.pid} is now something else, or the stack is stuck. Stop it if it still runs, then ${lowerFirst(START_HINT)}`,
    );
  }
  return file;
}

function parse(text: string): LocalStageFile {
  const value = JSON.parse(text) as Partial<LocalStageFile> | null;
  const environment = value?.environment;
  if (
    typeof value?.pid !== 'number' ||
    typeof value.startedAt !== 'string' ||
    typeof environment !== 'object' ||
    environment === null ||
    !Object.values(environment).every((v) => typeof v === 'string')
  ) {
    throw new Error('expected { pid, startedAt, environment }');
  }
  return { pid: value.pid, startedAt: value.startedAt, environment };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** answers: something accepts a TCP connection at the URL's host and port. */
function answers(url: string): Promise<boolean> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || (target.protocol === 'https:' ? 443 : 80)) });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
