/**
 * `ovirt-pipeline-jobs doctor` against the engine simulator, dynalite and the Step Functions
 * stub: TLS with the simulator's CA, a wrong CA and none, plain HTTP refused, a closed port, a
 * wrong password, users without rights (what to grant), and --write-check's real job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../../src/cli/commands/doctor.js';
import { ExitCode } from '../../../src/cli/command.js';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { startOvirtEngine } from '../../../src/local/ovirt-engine/index.js';
import type { SfnStub } from '../../../src/local/sfn-stub/index.js';
import { startSfnStub } from '../../../src/local/sfn-stub/index.js';
import { WRITE_CHECK_DESCRIPTION } from '../../../src/operate/doctor/write-check.js';
import { runDoctor } from '../../../src/operate/doctor/run-doctor.js';
import { ConfigError } from '../../../src/errors.js';
import { commandContext } from '../../helpers/cli.js';
import type { DynaliteTrackingTable } from '../../helpers/dynalite.js';
import { startTrackingTable } from '../../helpers/dynalite.js';
import { localPartsEnv, SIM_USER } from '../../helpers/local-parts.js';

const READER = { name: 'reader@internal', password: 'reader-password', admin: true, canInjectExternalTasks: false };
const WRITER = { name: 'writer@internal', password: 'writer-password', admin: false, canInjectExternalTasks: true };
const MACHINE = 'arn:aws:states:eu-west-1:123456789012:stateMachine:release';

let clock = Date.now();
let engine: OvirtEngineSimulator;
let otherEngine: OvirtEngineSimulator;
let plainEngine: OvirtEngineSimulator;
let table: DynaliteTrackingTable;
let sfn: SfnStub;
let base: Record<string, string>;

beforeAll(async () => {
  [engine, otherEngine, plainEngine, table, sfn] = await Promise.all([
    startOvirtEngine({ tls: true, users: [SIM_USER, READER, WRITER], clock: { now: () => clock } }),
    startOvirtEngine({ tls: true, users: [SIM_USER] }),
    startOvirtEngine({ tls: false, users: [SIM_USER] }),
    startTrackingTable(),
    startSfnStub(),
  ]);
  sfn.defineStateMachine({ stateMachineArn: MACHINE });
  base = { ...localPartsEnv(engine, table, sfn), STATE_MACHINE_ARNS: MACHINE };
});
afterAll(async () => {
  await Promise.allSettled([engine.stop(), otherEngine.stop(), plainEngine.stop(), table.stop(), sfn.stop()]);
});

/** doctor runs the command and returns its exit code, lines and results by check id. */
async function doctor(env: Record<string, string | undefined>, argv: string[] = []) {
  const ctx = commandContext(argv, { ...base, ...env });
  const code = await doctorCommand.run(ctx);
  return { code, text: ctx.out.lines.join('\n'), lines: ctx.out.lines };
}

/** lineOf finds the printed line of a check and the fix line under it. */
function lineOf(lines: readonly string[], name: string): { line: string; fix: string } {
  const index = lines.findIndex((l) => l.slice(2).startsWith(`${name}:`));
  expect(index, `no line for "${name}" in:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
  const next = lines[index + 1] ?? '';
  return { line: lines[index] ?? '', fix: next.startsWith('    → ') ? next : '' };
}

describe('doctor: a healthy setup', () => {
  it('passes every check against the simulator over TLS with its CA file, and exits 0', async () => {
    // Act
    const { code, lines, text } = await doctor({});

    // Assess
    expect(code, text).toBe(ExitCode.OK);
    for (const name of ['Configuration valid', 'Engine reachable', 'TLS trusted', 'SSO login', 'API version supported', 'Jobs searchable by Correlation-Id', 'Tracking table', 'State machine release']) {
      expect(lineOf(lines, name).line.startsWith('✓'), name).toBe(true);
    }
    expect(lineOf(lines, 'TLS trusted').line).toContain(`OVIRT_CAFILE (${engine.caFile ?? ''})`);
    expect(lineOf(lines, 'API version supported').line).toContain('4.5.6');
    expect(lineOf(lines, 'External jobs can be added and ended').line).toMatch(/^– .*skipped: not asked for: --write-check/);
    expect(lines.at(-1)).toMatch(/^All \d+ required checks passed/);
  });

  it('prints one JSON document with --json and no lines', async () => {
    // Prepare
    const ctx = commandContext([], base, { json: true });

    // Act
    const code = await doctorCommand.run(ctx);

    // Assess
    expect(code).toBe(ExitCode.OK);
    expect(ctx.out.lines).toEqual([]);
    const doc = ctx.out.document as { ok: boolean; checks: { id: string; status: string }[] };
    expect(doc.ok).toBe(true);
    expect(doc.checks.find((c) => c.id === 'engine.search')?.status).toBe('ok');
    expect(doc.checks.map((c) => c.id)).toContain('table');
  });

  it('takes the CA inline (OVIRT_CA_PEM) as well', async () => {
    // Act
    const { code, lines } = await doctor({ OVIRT_CAFILE: undefined, OVIRT_CA_PEM: engine.caPem });

    // Assess
    expect(code).toBe(ExitCode.OK);
    expect(lineOf(lines, 'TLS trusted').line).toContain('the CA in OVIRT_CA_PEM');
  });
});

describe('doctor: the password secret', () => {
  const secretEnv = (): Record<string, string | undefined> => ({ ...base, OVIRT_PASSWORD: undefined, OVIRT_PASSWORD_SECRET: 'ssm:/ovirt/pipelines/password' });

  it('logs in with the password read from OVIRT_PASSWORD_SECRET', async () => {
    // Act
    const report = await runDoctor({ env: secretEnv(), writeCheck: false, signal: new AbortController().signal, readPassword: () => Promise.resolve(SIM_USER.password) });

    // Assess
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.id === 'engine.secret')).toMatchObject({ status: 'ok', detail: 'ssm /ovirt/pipelines/password holds a password' });
    expect(report.checks.find((c) => c.id === 'engine.sso')?.status).toBe('ok');
  });

  it('an unreadable secret fails its line and skips the engine checks', async () => {
    // Prepare
    const refused = (): Promise<string> => Promise.reject(new ConfigError('OVIRT_PASSWORD_SECRET', 'could not read ssm secret "/ovirt/pipelines/password" (AccessDeniedException: denied).'));

    // Act
    const report = await runDoctor({ env: secretEnv(), writeCheck: false, signal: new AbortController().signal, readPassword: refused });

    // Assess
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.id === 'engine.secret')).toMatchObject({ status: 'failed', fix: expect.stringContaining('may read (and decrypt) it') as unknown });
    expect(report.checks.find((c) => c.id === 'engine.reach')).toMatchObject({ status: 'skipped', detail: 'the password could not be read' });
  });
});

describe('doctor: Ctrl-C', () => {
  it('an interrupted run reports what it checked, one failed "Interrupted" line, and never exits 0', async () => {
    // Prepare
    const abort = new AbortController();
    abort.abort();
    const ctx = commandContext([], base, { signal: abort.signal });

    // Act
    const code = await doctorCommand.run(ctx);

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    expect(lineOf(ctx.out.lines, 'Configuration valid').line.startsWith('✓')).toBe(true);
    expect(lineOf(ctx.out.lines, 'Interrupted').line).toBe('✗ Interrupted: the remaining checks were not run');
    expect(ctx.out.lines.some((l) => l.includes('Engine reachable'))).toBe(false);
  });
});

describe('doctor: TLS and reachability', () => {
  it('without a CA, says the engine signs with its own CA, where to download it and how to pass it', async () => {
    // Act
    const { code, lines } = await doctor({ OVIRT_CAFILE: undefined });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    expect(lineOf(lines, 'Engine reachable').line.startsWith('✓')).toBe(true);
    const tls = lineOf(lines, 'TLS trusted');
    expect(tls.line).toMatch(/^✗ .*does not trust/);
    expect(tls.fix).toContain(`${engine.url}/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA`);
    expect(tls.fix).toContain('OVIRT_CAFILE=<file>');
    expect(tls.fix).toContain('OVIRT_CA_PEM');
    expect(lineOf(lines, 'SSO login').line).toMatch(/^– .*no password is sent/);
    expect(lineOf(lines, 'Jobs searchable by Correlation-Id').line.startsWith('–')).toBe(true);
  });

  it('with another engine’s CA, says the configured CA did not sign this engine', async () => {
    // Act
    const { code, lines } = await doctor({ OVIRT_CAFILE: otherEngine.caFile });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    const tls = lineOf(lines, 'TLS trusted');
    expect(tls.line).toContain(`not signed by the CA in OVIRT_CAFILE (${otherEngine.caFile ?? ''})`);
    expect(tls.fix).toContain("That is not this engine's CA");
  });

  it('refuses a plain http:// URL as bad configuration (exit 2) and says what to set', async () => {
    // Act
    const { code, lines } = await doctor({ OVIRT_URL: plainEngine.apiUrl, OVIRT_CAFILE: undefined });

    // Assess
    expect(code).toBe(ExitCode.USAGE);
    const config = lineOf(lines, 'Configuration valid');
    expect(config.line).toMatch(/^✗ .*plain HTTP/);
    expect(config.fix).toContain('OVIRT_ALLOW_HTTP=true');
    expect(lineOf(lines, 'oVirt engine').line).toMatch(/^– .*configuration is invalid/);
  });

  it('says the connection was refused when nothing listens on the port', async () => {
    // Prepare
    const closed = await startOvirtEngine({ tls: true });
    const url = closed.apiUrl;
    const caPem = closed.caPem;
    await closed.stop();

    // Act
    const { code, lines } = await doctor({ OVIRT_URL: url, OVIRT_CAFILE: undefined, OVIRT_CA_PEM: caPem });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    const reach = lineOf(lines, 'Engine reachable');
    expect(reach.line).toMatch(/^✗ Engine reachable: connect: 127.0.0.1:\d+ refused the connection \(ECONNREFUSED\)/);
    expect(reach.fix).toContain('port in OVIRT_URL');
    expect(lineOf(lines, 'TLS trusted').line).toMatch(/^– .*could not be reached/);
  });
});

describe('doctor: DNS', () => {
  it('says the host name does not resolve (the reserved .invalid domain never does)', async () => {
    // Act
    const { code, lines } = await doctor({ OVIRT_URL: 'https://engine.invalid/ovirt-engine/api' });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    const reach = lineOf(lines, 'Engine reachable');
    expect(reach.line).toMatch(/^✗ Engine reachable: DNS: the host name in engine\.invalid does not resolve \((ENOTFOUND|EAI_AGAIN)\)/);
    expect(reach.fix).toContain('OVIRT_URL (or OVIRT_HOSTNAME)');
  });
});

describe('doctor: login and rights', () => {
  it('a wrong password: says the engine does not tell a wrong password from an unknown user, and skips what needs a login', async () => {
    // Act
    const { code, lines } = await doctor({ OVIRT_PASSWORD: 'not-the-password' });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    const sso = lineOf(lines, 'SSO login');
    expect(sso.line).toMatch(/^✗ .*access_denied/);
    expect(sso.fix).toContain('Either the password is wrong or there is no user admin in profile "internal"');
    expect(lineOf(lines, 'API version supported').line).toMatch(/^– /);
    expect(lines.join('\n')).not.toContain('not-the-password');
  });

  it('a user who is not an administrator: the search fails and the doctor says which role to grant', async () => {
    // Act
    const { code, lines } = await doctor({ OVIRT_USERNAME: WRITER.name, OVIRT_PASSWORD: WRITER.password });

    // Assess
    expect(code).toBe(ExitCode.PROBLEM);
    const search = lineOf(lines, 'Jobs searchable by Correlation-Id');
    expect(search.line).toMatch(/^✗ .*not an administrator/);
    expect(search.fix).toContain('SuperUser');
    expect(search.fix).toContain('ExternalTasksCreator alone is a user role');
    expect(search.fix).toContain('"Deploying to AWS", step 1');
  });

  it('a user without INJECT_EXTERNAL_TASKS passes without --write-check, and --write-check says which role to grant', async () => {
    // Act
    const plain = await doctor({ OVIRT_USERNAME: READER.name, OVIRT_PASSWORD: READER.password });
    const proven = await doctor({ OVIRT_USERNAME: READER.name, OVIRT_PASSWORD: READER.password }, ['--write-check']);

    // Assess
    expect(plain.code).toBe(ExitCode.OK);
    expect(proven.code).toBe(ExitCode.PROBLEM);
    const write = lineOf(proven.lines, 'External jobs can be added and ended');
    expect(write.line).toMatch(/^✗ .*lacks INJECT_EXTERNAL_TASKS on System/);
    expect(write.fix).toContain('SuperUser');
    expect(write.fix).toContain('INJECT_EXTERNAL_TASKS permission');
    expect(engine.state.jobs().filter((j) => j.description === WRITE_CHECK_DESCRIPTION)).toEqual([]);
  });

  it('--write-check adds, ends and auto-clears a job named so nobody mistakes it, and says so', async () => {
    // Prepare
    const before = new Set(engine.state.jobs().map((j) => j.id));

    // Act
    const { code, lines } = await doctor({}, ['--write-check']);

    // Assess
    expect(code).toBe(ExitCode.OK);
    const created = engine.state.jobs().filter((j) => !before.has(j.id));
    expect(created).toHaveLength(1);
    const job = created[0];
    expect(job).toMatchObject({ description: 'ovirt-pipeline-jobs doctor: write check (safe to ignore)', status: 'finished', autoCleared: true, external: true });
    expect(job?.correlationId).toMatch(/^doctor-write-check-/);
    const write = lineOf(lines, 'External jobs can be added and ended');
    expect(write.line).toContain(`✓ External jobs can be added and ended: added test job ${job?.id ?? ''}`);
    expect(write.line).toContain('auto-cleared');

    // Act: the engine's cleanup, 10 minutes after the end
    clock += 10 * 60_000;
    engine.runCleanupNow();

    // Assess
    expect(engine.state.job(job?.id ?? '')).toBeUndefined();
  });
});
