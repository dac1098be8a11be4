/**
 * The `local` stage's settings file (`npm start` writes it, `--stage local` reads it): read back
 * as written, a clear error when no stack runs, and a file left by a stack that crashed (its
 * process gone, or its ports not answering) reported as stale instead of being used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findLocalStageFile, LocalStageError, localStageFilePath, readLocalStageFile, removeLocalStageFile, writeLocalStageFile } from '../../../src/local/stack/local-stage-file.js';

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

async function listening(): Promise<string> {
  server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function freshPath(): string {
  return localStageFilePath(mkdtempSync(join(tmpdir(), 'local-stage-')));
}

/** A process id that surely ended: a child that ran and exited. */
function endedPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid ?? 0;
}

describe('local stage file', () => {
  it('reads back what the running stack wrote, owner-readable only', async () => {
    // Prepare
    const path = freshPath();
    const environment = { AWS_ENDPOINT_URL_DYNAMODB: await listening(), OVIRT_URL: 'https://127.0.0.1:8443/ovirt-engine/api' };

    // Act
    writeLocalStageFile(path, environment);
    const file = await readLocalStageFile(path);

    // Assess
    expect(file.pid).toBe(process.pid);
    expect(file.environment).toEqual(environment);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('says that no stack is running, and how to start one, when there is no file', async () => {
    // Act
    const error = await readLocalStageFile(freshPath()).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(LocalStageError);
    expect((error as Error).message).toMatch(/No local stack is running: .*local-stage\.json does not exist\. Start it with `npm start` in another terminal/);
  });

  it('reports a file left by a stack whose process is gone (it crashed) as stale', async () => {
    // Prepare
    const path = freshPath();
    writeLocalStageFile(path, { AWS_ENDPOINT_URL_DYNAMODB: await listening() });
    const written = JSON.parse(readFileSync(path, 'utf8')) as { pid: number };
    writeFileSync(path, JSON.stringify({ ...written, pid: endedPid() }));

    // Act
    const error = await readLocalStageFile(path).catch((caught: unknown) => caught);

    // Assess
    expect((error as Error).message).toMatch(/was left by a local stack \(pid \d+, up since .*\) that is no longer running: it crashed or was killed/);
  });

  it('reports a file whose process lives but whose ports do not answer (a reused pid) as stale', async () => {
    // Prepare: a port that was listening and is closed now.
    const path = freshPath();
    const endpoint = await listening();
    server?.close();
    server = undefined;
    writeLocalStageFile(path, { AWS_ENDPOINT_URL_DYNAMODB: endpoint });

    // Act
    const error = await readLocalStageFile(path).catch((caught: unknown) => caught);

    // Assess
    expect((error as Error).message).toMatch(new RegExp(`does not answer at ${endpoint}`));
  });

  it('says what to do with a file that is not a settings file', async () => {
    // Prepare
    const path = freshPath();
    writeLocalStageFile(path, {});
    writeFileSync(path, '{"hello": "world"}');

    // Act
    const error = await readLocalStageFile(path).catch((caught: unknown) => caught);

    // Assess
    expect((error as Error).message).toMatch(/is not a local stack's settings file .* Delete it, then start it with `npm start`/);
  });

  it('is removed on stop only by the stack that wrote it (a later npm start may have replaced it)', () => {
    // Prepare
    const mine = freshPath();
    const theirs = freshPath();
    writeLocalStageFile(mine, {});
    writeLocalStageFile(theirs, {});
    writeFileSync(theirs, JSON.stringify({ pid: endedPid(), startedAt: new Date().toISOString(), environment: {} }));

    // Act
    removeLocalStageFile(mine);
    removeLocalStageFile(theirs);

    // Assess
    expect(() => statSync(mine)).toThrow(/ENOENT/);
    expect(statSync(theirs).isFile()).toBe(true);
  });

  it('is found from any folder of the project: the nearest one up holding serverless.yml', () => {
    // Prepare
    const project = mkdtempSync(join(tmpdir(), 'local-stage-project-'));
    writeFileSync(join(project, 'serverless.yml'), 'service: x\n');

    // Act
    const found = findLocalStageFile(join(project, 'src', 'cli'));

    // Assess
    expect(found).toBe(localStageFilePath(project));
  });
});
