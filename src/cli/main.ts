/**
 * `ovirt-pipeline-jobs <subcommand>`: the operator command. It reads the same configuration
 * variables as the functions (README "Configuration reference"), or a deployed stage's
 * settings with --stage, and runs the product's own adapters and reconciler; no subcommand
 * re-implements what the functions do.
 *
 * Exit codes are the same for every subcommand (ExitCode in command.ts): 0 fine, 1 a problem
 * was found, 2 wrong usage or configuration, 3 something needed could not be reached.
 */
import { parseArgs } from 'node:util';
import type { Env } from '../config/env.js';
import { stageSettings } from '../operate/stage-settings.js';
import type { CliCommand, ExitCode as ExitCodeType } from './command.js';
import { ExitCode, UsageError } from './command.js';
import { COMMANDS } from './commands/index.js';
import type { Writer } from './output.js';
import { createOutput } from './output.js';

/** CliIo is the process around a run (process.*, or test doubles). */
export interface CliIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly env: Env;
  readonly signal?: AbortSignal | undefined;
  readonly now?: (() => number) | undefined;
  /** Reads a stage's settings (tests replace it; the default asks AWS, or for `local` reads the running stack's file). */
  readonly readStage?: ((stage: string, region: string | undefined, signal?: AbortSignal) => Promise<Record<string, string>>) | undefined;
}

const SHARED_OPTIONS = {
  json: { type: 'boolean' },
  stage: { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** usage is the top-level help: the subcommands and the shared options. */
export function usage(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  return [
    'Usage: ovirt-pipeline-jobs <subcommand> [options]',
    '',
    'Subcommands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options every subcommand takes:',
    '  --json            print one JSON document on stdout (progress and warnings go to stderr)',
    '  --stage <stage>   read the settings of a deployed stage (its functions\' environment)',
    '                    (--stage local: those of the `npm start` running in this project)',
    '  --region <region> AWS Region of that stage (default: AWS_REGION, then your AWS profile)',
    '  -h, --help        this text, or a subcommand\'s own help after its name',
    '',
    'Configuration comes from the same variables as the functions (README "Configuration',
    'reference"); variables you set win over the stage\'s. Exit codes: 0 fine, 1 a problem was',
    'found, 2 wrong usage or configuration, 3 something needed could not be reached.',
  ].join('\n');
}

/** runCli runs one command line (`argv` without node and the script) and resolves its exit code. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<ExitCodeType> {
  const name = argv[0];
  const command = commands.find((c) => c.name === name);
  const jsonAnywhere = argv.includes('--json');
  const out = createOutput({ stdout: io.stdout, stderr: io.stderr, json: jsonAnywhere, now: io.now });
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage(commands)}\n`);
    return name === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  if (command === undefined) {
    io.stderr.write(`Unknown subcommand "${name}".\n\n${usage(commands)}\n`);
    return ExitCode.USAGE;
  }
  let shared;
  try {
    // strict: false here: the subcommand's own options are parsed (strictly) by the subcommand.
    shared = parseArgs({ args: [...argv.slice(1)], options: SHARED_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${command.usage}\n`);
    return ExitCode.USAGE;
  }
  if (shared.values.help === true) {
    io.stdout.write(`${command.usage}\n`);
    return ExitCode.OK;
  }
  const rest = withoutSharedOptions(argv.slice(1), shared.tokens ?? []);
  const stage = typeof shared.values.stage === 'string' ? shared.values.stage : undefined;
  const region = typeof shared.values.region === 'string' ? shared.values.region : undefined;
  try {
    const env = await environment(io, stage, region);
    return await command.run({ argv: rest, env, out, signal: io.signal ?? new AbortController().signal, now: io.now ?? Date.now });
  } catch (error) {
    return reportFailure(error, command, io);
  }
}

/** environment: the stage's settings under the process environment (what the operator set wins). */
async function environment(io: CliIo, stage: string | undefined, region: string | undefined): Promise<Env> {
  const base = stage === undefined ? {} : await (io.readStage ?? stageSettings)(stage, region ?? io.env.AWS_REGION, io.signal);
  const env: Record<string, string | undefined> = { ...base };
  for (const [key, value] of Object.entries(io.env)) if (value !== undefined && value !== '') env[key] = value;
  if (region !== undefined) env.AWS_REGION = region;
  exportSdkSettings(base);
  return env;
}

/**
 * exportSdkSettings puts a stage's AWS credentials (only the `local` stage has any: the local
 * stack's dummy keys) and AWS_EC2_METADATA_DISABLED into this process's environment when it
 * has none: the AWS SDK reads those from process.env, not from the settings the commands get,
 * so without this a local run would look for credentials in a profile or on an EC2 instance.
 */
function exportSdkSettings(stage: Readonly<Record<string, string>>): void {
  const has = (name: string): boolean => (process.env[name] ?? '') !== '';
  const { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token, AWS_EC2_METADATA_DISABLED: noMetadata } = stage;
  if (keyId !== undefined && secret !== undefined && !has('AWS_ACCESS_KEY_ID') && !has('AWS_SECRET_ACCESS_KEY') && !has('AWS_PROFILE')) {
    process.env.AWS_ACCESS_KEY_ID = keyId;
    process.env.AWS_SECRET_ACCESS_KEY = secret;
    if (token !== undefined) process.env.AWS_SESSION_TOKEN = token;
  }
  if (noMetadata !== undefined && !has('AWS_EC2_METADATA_DISABLED')) process.env.AWS_EC2_METADATA_DISABLED = noMetadata;
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** withoutSharedOptions drops the shared options (and their values) from a subcommand's arguments. */
function withoutSharedOptions(args: readonly string[], tokens: readonly Token[]): string[] {
  const drop = new Set<number>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !(token.name in SHARED_OPTIONS)) continue;
    drop.add(token.index);
    if (token.value !== undefined && token.inlineValue === false) drop.add(token.index + 1);
  }
  return args.filter((_, index) => !drop.has(index));
}

function reportFailure(error: unknown, command: CliCommand, io: CliIo): ExitCodeType {
  const e = error as Error;
  if (e.name === 'UsageError' || error instanceof UsageError) {
    io.stderr.write(`${e.message}\n\n${command.usage}\n`);
    return ExitCode.USAGE;
  }
  if (e.name === 'ConfigError') {
    io.stderr.write(`Configuration: ${e.message}\nSet it in the environment (or give --stage to read a deployed stage's settings) and run the command again.\n`);
    return ExitCode.USAGE;
  }
  if (e.name === 'AbortError') {
    io.stderr.write('Interrupted.\n');
    return ExitCode.UNAVAILABLE;
  }
  // Our errors' messages say what happened and what to do, and never hold secrets.
  io.stderr.write(`${command.name} failed: ${e.name}: ${e.message}\n`);
  return ExitCode.UNAVAILABLE;
}

/** main runs the command line of this process: the bin entry calls it. */
export async function main(): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nStopping after the item in hand (Ctrl-C again to quit at once)…\n');
    controller.abort();
  });
  const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal });
  // Exit now: the oVirt client's connection pool and the AWS SDK keep sockets open that would
  // hold the process for their idle timeouts. (Writes to stdout are synchronous for files, pipes and terminals here.)
  process.exit(code);
}
