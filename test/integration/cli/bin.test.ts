/**
 * The bin entry as an operator runs it (`npx ovirt-pipeline-jobs …` from a clone): a real
 * process on the TypeScript sources, its exit codes and where it prints.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/ovirt-pipeline-jobs.mjs', import.meta.url));

async function run(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('ovirt-pipeline-jobs (bin)', () => {
  it('lists every subcommand with --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const name of ['doctor', 'status', 'resync', 'backfill', 'replay-dlq']) expect(stdout).toMatch(new RegExp(`\\n {2}${name} +\\S`));
  });

  it('without configuration, says which variable is missing and exits 2 (nothing on stdout with --json)', async () => {
    const { code, stdout, stderr } = await run(['status', 'some-execution', '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('TRACKING_TABLE_NAME');
  });

  it('an unknown subcommand exits 2 with the list', async () => {
    const { code, stderr } = await run(['sync']);
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown subcommand "sync"');
  });
}, 120_000);
