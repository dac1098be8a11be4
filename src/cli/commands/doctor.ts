/**
 * `ovirt-pipeline-jobs doctor [--write-check]`: checks each thing the product needs, before
 * and after deploying, and says what to do about each failure. The checks live in
 * src/operate/doctor; this module parses the option and prints.
 */
import type { CliCommand } from '../command.js';
import { ExitCode, UsageError } from '../command.js';
import { checkLines, summaryLine } from '../../operate/doctor/render.js';
import { runDoctor } from '../../operate/doctor/run-doctor.js';

const USAGE = `Usage: ovirt-pipeline-jobs doctor [--write-check] [--json]

Checks, in order, what the functions need, from the same configuration variables (OVIRT_*,
TRACKING_TABLE_NAME, STATE_MACHINE_ARNS, AWS_REGION, AWS_ENDPOINT_URL_* for local parts):
configuration valid; password secret readable; engine reachable; TLS trusted; SSO login;
API version supported; jobs searchable by Correlation-Id; (with --write-check) external jobs
can be added and ended; tracking table keys and index; each allow-listed state machine;
the push path (log level ALL, subscription filters; LOG_GROUP_NAMES).

Options:
  --write-check   prove the write rights with a real job: one job named
                  "ovirt-pipeline-jobs doctor: write check (safe to ignore)" is added, ended
                  and left auto-cleared (the engine removes it 10-20 minutes later)
  --json          print one JSON document {ok, checks: [{id, name, status, detail, fix}]}

Exit codes: 0 every required check passed; 1 a check failed; 2 bad usage or configuration.`;

/** doctorCommand is the `doctor` subcommand. */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Check the engine, its user\'s rights, the tracking table and the state machines; say what to fix',
  usage: USAGE,
  async run(ctx) {
    const unknown = ctx.argv.filter((arg) => arg !== '--write-check');
    if (unknown.length > 0) throw new UsageError(`doctor does not take ${unknown.join(' ')}.`);
    const report = await runDoctor(
      { env: ctx.env, writeCheck: ctx.argv.includes('--write-check'), signal: ctx.signal },
      (result) => checkLines(result).forEach((line) => ctx.out.line(line)),
    );
    ctx.out.line(summaryLine(report.checks));
    ctx.out.json({ ok: report.ok, checks: report.checks });
    if (report.configError) return ExitCode.USAGE;
    return report.ok ? ExitCode.OK : ExitCode.PROBLEM;
  },
};
