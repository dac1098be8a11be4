import { describe, expect, it } from 'vitest';
import type { CliCommand, CommandContext } from '../../../src/cli/command.js';
import { ExitCode, UsageError } from '../../../src/cli/command.js';
import { runCli } from '../../../src/cli/main.js';
import { ConfigError } from '../../../src/errors.js';

function writer(isTTY = false) {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

/** A subcommand that records what it was handed and does what the test asks. */
function probe(behaviour: (ctx: CommandContext) => Promise<ExitCode> = () => Promise.resolve(ExitCode.OK)) {
  const seen: CommandContext[] = [];
  const command: CliCommand = {
    name: 'probe',
    summary: 'a test subcommand',
    usage: 'Usage: ovirt-pipeline-jobs probe [--flag]',
    run: async (ctx) => {
      seen.push(ctx);
      return behaviour(ctx);
    },
  };
  return { command, seen };
}

describe('ovirt-pipeline-jobs command line', () => {
  it('lists the subcommands; no subcommand is a usage error, --help is not', async () => {
    const { command } = probe();
    const out = writer();
    expect(await runCli([], { stdout: out, stderr: writer(), env: {} }, [command])).toBe(ExitCode.USAGE);
    expect(out.text()).toMatch(/\n {2}probe +a test subcommand\n/);
    expect(await runCli(['--help'], { stdout: writer(), stderr: writer(), env: {} }, [command])).toBe(ExitCode.OK);
  });

  it('names an unknown subcommand and exits 2', async () => {
    const err = writer();
    expect(await runCli(['status'], { stdout: writer(), stderr: err, env: {} }, [probe().command])).toBe(ExitCode.USAGE);
    expect(err.text()).toContain('Unknown subcommand "status"');
  });

  it('hands the subcommand its own arguments with the shared options removed', async () => {
    const { command, seen } = probe();
    await runCli(['probe', '--json', 'arn:x', '--region', 'eu-west-3', '--flag', '--stage=prod'], {
      stdout: writer(),
      stderr: writer(),
      env: { TRACKING_TABLE_NAME: 't' },
      readStage: () => Promise.resolve({ TRACKING_TABLE_NAME: 'from-stage', OVIRT_URL: 'https://engine.example/ovirt-engine/api' }),
    }, [command]);
    expect(seen[0]?.argv).toEqual(['arn:x', '--flag']);
    expect(seen[0]?.out.jsonMode).toBe(true);
    // What the operator set wins over the stage; --region wins over both.
    expect(seen[0]?.env.TRACKING_TABLE_NAME).toBe('t');
    expect(seen[0]?.env.OVIRT_URL).toBe('https://engine.example/ovirt-engine/api');
    expect(seen[0]?.env.AWS_REGION).toBe('eu-west-3');
  });

  it('prints the subcommand help for --help after its name', async () => {
    const out = writer();
    expect(await runCli(['probe', '--help'], { stdout: out, stderr: writer(), env: {} }, [probe().command])).toBe(ExitCode.OK);
    expect(out.text()).toContain('Usage: ovirt-pipeline-jobs probe');
  });

  it('maps failures to exit codes with messages: usage 2, configuration 2, anything else 3', async () => {
    const cases: [Error, ExitCode, string][] = [
      [new UsageError('--max must be a whole number'), ExitCode.USAGE, '--max must be a whole number'],
      [new ConfigError('OVIRT_URL', 'is required.'), ExitCode.USAGE, 'OVIRT_URL'],
      [Object.assign(new Error('connect ECONNREFUSED'), { name: 'OvirtConnectionError' }), ExitCode.UNAVAILABLE, 'probe failed: OvirtConnectionError'],
    ];
    for (const [error, code, text] of cases) {
      const err = writer();
      const { command } = probe(() => Promise.reject(error));
      expect(await runCli(['probe'], { stdout: writer(), stderr: err, env: {} }, [command])).toBe(code);
      expect(err.text()).toContain(text);
    }
  });

  it('a stage that cannot be read stops before the subcommand runs', async () => {
    const { command, seen } = probe();
    const err = writer();
    const code = await runCli(['probe', '--stage', 'nope'], {
      stdout: writer(),
      stderr: err,
      env: {},
      readStage: () => Promise.reject(Object.assign(new Error('Stage "nope" is not deployed'), { name: 'StageSettingsError' })),
    }, [command]);
    expect(code).toBe(ExitCode.UNAVAILABLE);
    expect(seen).toHaveLength(0);
    expect(err.text()).toContain('Stage "nope" is not deployed');
  });
});
