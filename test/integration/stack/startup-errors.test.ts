/**
 * Startup failures say what happened and what to do, and leave nothing running: a taken
 * task-monitor port, an unknown scenario, and serverless offline that cannot start.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StackStartError } from '../../../src/local/stack/local-services.js';
import { parseStackOptions, StackUsageError } from '../../../src/local/stack/options.js';
import type { StackOptions } from '../../../src/local/stack/options.js';
import { ServerlessOfflineError, startServerlessOffline } from '../../../src/local/stack/serverless-offline.js';
import { startStack } from '../../../src/local/stack/stack.js';
import { freePort } from '../../../src/local/stack/free-port.js';

const SERVICE_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const silent = { write: () => true };

function options(argv: string[]): StackOptions {
  const parsed = parseStackOptions(argv);
  if (parsed === 'help') throw new Error('unexpected help');
  return parsed;
}

describe('stack startup errors', () => {
  let blocker: Server;
  let takenPort: number;
  let badService: string;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    takenPort = (blocker.address() as AddressInfo).port;
    badService = mkdtempSync(join(tmpdir(), 'stack-bad-service-'));
    writeFileSync(join(badService, 'serverless.yml'), 'service: broken\nprovider: [this is not a provider\n');
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    rmSync(badService, { recursive: true, force: true });
  });

  it('says the task monitor port is taken and how to choose another', async () => {
    // Prepare
    const taken = options(['--port', String(takenPort)]);
    // Act
    const started = startStack(taken, { out: silent, env: {}, serviceDir: SERVICE_DIR });
    // Assess
    await expect(started).rejects.toThrow(StackStartError);
    await expect(started).rejects.toThrow(`Port ${takenPort} for the task monitor is already in use. Stop the program using it, or pass --port N (--port 0 picks a free port).`);
  });

  it('names the known scenarios when asked for an unknown one', async () => {
    // Prepare
    const unknown = options(['--scenario', 'nightly', '--port', '0']);
    // Act
    const started = startStack(unknown, { out: silent, env: {}, serviceDir: SERVICE_DIR });
    // Assess
    await expect(started).rejects.toThrow(StackUsageError);
    await expect(started).rejects.toThrow(/Unknown scenario 'nightly'\. Known scenarios: linear, retry-catch, map, parallel, redrive, release, release-redrive, thumbnails\./);
  });

  it('reports serverless offline failing to start with its own output and what to do', async () => {
    // Prepare
    const input = { cwd: badService, lambdaPort: await freePort(), httpPort: await freePort(), env: { PATH: process.env.PATH ?? '' } };
    // Act
    const started = startServerlessOffline(input);
    // Assess
    await expect(started).rejects.toThrow(ServerlessOfflineError);
    await expect(started).rejects.toThrow(/serverless offline exited \(\d+\) before it listened\. Its last output:\n[\s\S]*serverless\.yml[\s\S]*run npm start again/);
  });
});
