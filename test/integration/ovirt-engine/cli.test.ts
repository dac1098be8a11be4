/**
 * The simulator CLI as a user runs it: one "listening on" line (plus the CA file with
 * --tls), a working SSO login and XML job add, clean exit on SIGINT, exit 2 on bad options.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(ROOT, 'src', 'local', 'ovirt-engine', 'cli.ts');

type Child = ChildProcessByStdio<null, Readable, Readable>;
const children: Child[] = [];

/** @internal Starts the CLI and resolves with the process and its first `count` stdout lines. */
function startCli(args: string[], count: number): Promise<{ child: Child; lines: string[] }> {
  const child = spawn(TSX, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n').filter((line) => line !== '');
      if (lines.length >= count && out.endsWith('\n')) resolve({ child, lines });
    });
    child.once('exit', (code) => reject(new Error(`CLI exited early (${String(code)}): ${err}`)));
  });
}

/** @internal Resolves with the exit code (and collected stderr) of a child. */
function exitOf(child: Child): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('ovirt-sim CLI', () => {
  it('prints one listening line, serves SSO and an XML job add, and exits 0 on SIGINT', async () => {
    // Prepare
    const { child, lines } = await startCli(['--port', '0'], 1);
    const url = /^oVirt engine simulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1];
    const exited = exitOf(child);
    // Act
    const tokenResponse = await fetch(`${url}/ovirt-engine/sso/oauth/token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&scope=ovirt-app-api&username=admin%40internal&password=ovirt-sim-password',
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const added = await fetch(`${url}/ovirt-engine/api/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml', accept: 'application/xml', version: '4' },
      body: '<job><description>from the CLI test</description></job>',
    });
    const xml = await added.text();
    child.kill('SIGINT');
    const { code } = await exited;
    // Assess
    expect(lines).toHaveLength(1);
    expect(url).toBeDefined();
    expect(added.status).toBe(201);
    expect(added.headers.get('location')).toMatch(new RegExp(`^${url ?? ''}/ovirt-engine/api/jobs/[0-9a-f-]{36}$`));
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n<job href="\/ovirt-engine\/api\/jobs\/([0-9a-f-]{36})" id="\1">\n/);
    expect(xml).toContain('    <description>from the CLI test</description>\n');
    expect(xml).toContain('    <auto_cleared>false</auto_cleared>\n    <external>true</external>\n');
    expect(xml).toContain('    <status>started</status>\n');
    expect(code).toBe(0);
  });

  it('with --tls prints the CA file, which verifies the HTTPS server', async () => {
    // Prepare
    const { child, lines } = await startCli(['--port', '0', '--tls'], 2);
    const url = /listening on (https:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1] ?? '';
    const caFile = /^CA certificate: (.+)$/.exec(lines[1] ?? '')?.[1] ?? '';
    const exited = exitOf(child);
    // Act
    const agent = new Agent({ connect: { ca: readFileSync(caFile, 'utf8') } });
    const page = await undiciFetch(`${url}/`, { dispatcher: agent });
    await page.text();
    await agent.close();
    child.kill('SIGTERM');
    const { code } = await exited;
    // Assess
    expect(page.status).toBe(200);
    expect(code).toBe(0);
    expect(existsSync(caFile)).toBe(false);
  });

  it('rejects bad options with exit code 2, the reason and the usage', async () => {
    // Prepare
    const child = spawn(TSX, [CLI, '--port', 'eighty'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    // Act
    const { code, stderr } = await exitOf(child);
    // Assess
    expect(code).toBe(2);
    expect(stderr).toContain("--port must be a whole number from 0 to 65535, got 'eighty'.");
    expect(stderr).toContain('Usage: npm run ovirt-sim');
  });
});
