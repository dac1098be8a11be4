/**
 * The operator command against a running local stack with `--stage local`, the way the README
 * shows it: one stack start playing two demo scenarios (a Standard pipeline and the Express
 * thumbnail workflow), then doctor, status and backfill through runCli in-process, taking
 * every setting from the file the stack wrote (the test's own process environment holds
 * none), and once the stack stopped, the file is gone and the command says how to start one.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/cli/command.js';
import { runCli } from '../../../src/cli/main.js';
import { localStageFilePath } from '../../../src/local/stack/local-stage-file.js';
import { parseStackOptions } from '../../../src/local/stack/options.js';
import { startStack } from '../../../src/local/stack/stack.js';
import type { RunningStack, StackOutcome } from '../../../src/local/stack/stack.js';
import { localStageSettings } from '../../../src/operate/stage-settings.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MACHINE = 'arn:aws:states:eu-west-1:482913557106:stateMachine:build-and-deploy';
/** Variables the AWS SDK would otherwise take from this test process (vitest sets dummy ones). */
const SDK_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'] as const;

interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('ovirt-pipeline-jobs --stage local against npm start (issue 11)', () => {
  const stageFile = localStageFilePath(mkdtempSync(join(tmpdir(), 'operator-local-stage-')));
  let stack: RunningStack;
  let outcome: StackOutcome;
  let stopped = false;

  /** cli runs one command line in-process with an empty environment: --stage local must bring everything. */
  async function cli(...argv: string[]): Promise<Ran> {
    let stdout = '';
    let stderr = '';
    const saved = SDK_VARIABLES.map((name) => [name, process.env[name]] as const);
    for (const name of SDK_VARIABLES) delete process.env[name];
    try {
      const code = await runCli(argv, {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        env: {},
        // `npm start` writes the project's file; this stack writes the test's own (see beforeAll).
        readStage: (stage) => (stage === 'local' ? localStageSettings(stageFile) : Promise.reject(new Error(`unexpected stage ${stage}`))),
      });
      return { code, stdout, stderr };
    } finally {
      for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
    }
  }

  beforeAll(async () => {
    const argv = ['--port', '0', '--scenario', 'linear', '--scenario', 'thumbnails', '--speed', '50', '--sweep-seconds', '2', '--exit-when-done'];
    const options = parseStackOptions(argv, process.env);
    if (options === 'help') throw new Error('unexpected help');
    stack = await startStack(options, { out: { write: () => true }, env: process.env, serviceDir: ROOT, localStageFile: stageFile });
    outcome = await stack.finished;
  }, 240_000);
  afterAll(async () => {
    if (!stopped) await stack?.stop();
  });

  it('the demo ran to its expected trees, with the settings file written while the stack is up', () => {
    expect(outcome.exitCode).toBe(0);
    expect(existsSync(stageFile)).toBe(true);
  });

  it('doctor --stage local: every required check passes against the simulator, dynalite and the stub (Express machine included)', async () => {
    // Act
    const ran = await cli('doctor', '--stage', 'local');

    // Assess
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(ExitCode.OK);
    expect(ran.stdout).toMatch(/✓ TLS trusted: certificate verified against the CA in OVIRT_CAFILE/);
    expect(ran.stdout).toMatch(/✓ SSO login: admin@internal logged in/);
    expect(ran.stdout).toMatch(/✓ Tracking table: ovirt-pipeline-jobs-local-tracking is ACTIVE/);
    expect(ran.stdout).toMatch(/✓ State machine build-and-deploy: exists, STANDARD/);
    expect(ran.stdout).toMatch(/✓ State machine image-thumbnails: exists, EXPRESS/);
    expect(ran.stdout).toMatch(/All \d+ required checks passed/);
  });

  it('status <demo execution name> --stage local: the name is found among the demo state machines, and nothing differs', async () => {
    // Act
    const ran = await cli('status', 'checkout-api-main-3f9d2ab', '--stage', 'local');

    // Assess
    expect(ran.code).toBe(ExitCode.OK);
    expect(ran.stdout).toContain(`Execution ${MACHINE.replace(':stateMachine:', ':execution:')}:checkout-api-main-3f9d2ab`);
    expect(ran.stdout).toMatch(/status SUCCEEDED, redrives 0, history \d+ events/);
    expect(ran.stdout).toMatch(/job#0 +ENDED .*"build-and-deploy › checkout-api-main-3f9d2ab"/);
    expect(ran.stdout).toMatch(/\[finished\] RunBuild {2}step#0#v4/);
    expect(ran.stdout).toContain('✓ No difference');
  });

  it('backfill --state-machine --stage local: the stack mirrored the demo execution already, so backfill skips it', async () => {
    // Act
    const ran = await cli('backfill', '--state-machine', MACHINE, '--stage', 'local');

    // Assess
    expect(ran.code).toBe(ExitCode.OK);
    expect(ran.stdout).toContain(`1 execution(s) of ${MACHINE}; GetExecutionHistory paced to 5/s.`);
    expect(ran.stdout).toMatch(/Mirrored 0, pending 0, failed 0, skipped 1 \(already mirrored and settled: 1;/);
  });

  it('after a clean stop the file is gone, and the command says to start the stack', async () => {
    // Act
    await stack.stop();
    stopped = true;
    const ran = await cli('doctor', '--stage', 'local');

    // Assess
    expect(existsSync(stageFile)).toBe(false);
    expect(ran.code).toBe(ExitCode.UNAVAILABLE);
    expect(ran.stderr).toMatch(/No local stack is running: .* does not exist\. Start it with `npm start` in another terminal/);
  });
});
