/**
 * renderStatus prints a StatusReport for people: the three views one under the other, each
 * object row with its oVirt counterpart, and every difference marked ✗ at the end.
 */
import type { JobView, RowView, StatusReport, StepView } from './status-report.js';

/** renderStatus returns the lines of the human report. */
export function renderStatus(report: StatusReport): string[] {
  const lines: string[] = [`Execution ${report.executionArn}`, ''];
  const sfn = report.stepFunctions;
  lines.push('Step Functions');
  if (sfn === null) lines.push('  (does not know this execution)');
  else {
    lines.push(`  status ${sfn.status}, redrives ${sfn.redriveCount}, history ${sfn.historyLength} events`);
    lines.push(`  started ${sfn.startDate}${sfn.stopDate === undefined ? '' : `, stopped ${sfn.stopDate}`}`);
  }
  lines.push('', 'Tracking table');
  const meta = report.table.meta;
  if (meta === null) lines.push('  (no meta row)');
  else {
    const lease = meta.lease === null ? 'free' : `${meta.lease.owner} until ${meta.lease.expiresAt}${meta.lease.lapsed ? ' (lapsed)' : ''}`;
    lines.push(`  meta: cursor ${meta.cursor}, status ${meta.status ?? '—'}, redrives ${meta.redriveCount}, ${meta.open ? 'open (in the sweep)' : 'closed'}, requests ${meta.requests}`);
    lines.push(`        lease ${lease}${meta.lastSyncedAt === undefined ? '' : `, last synced ${meta.lastSyncedAt}`}`);
    if (meta.failure !== undefined) {
      lines.push(`        ${meta.failure.failures} failed sync(s), last at ${meta.failure.failedAt}: ${meta.failure.error}; next attempt ${meta.failure.nextAttemptAt ?? 'none'}`);
    }
  }
  for (const row of report.table.rows) lines.push(`  ${rowLine(row)}`);
  lines.push('', 'oVirt');
  if (report.ovirt.jobs.length === 0) lines.push('  (no job)');
  for (const job of report.ovirt.jobs) lines.push(...jobLines(job));
  lines.push('');
  if (report.differences.length === 0) lines.push('✓ No difference: oVirt and the tracking table agree with Step Functions.');
  else {
    lines.push(`✗ ${report.differences.length} difference(s):`);
    for (const difference of report.differences) lines.push(`  ✗ ${difference.key === undefined ? '' : `${difference.key}: `}${difference.message}`);
  }
  return lines;
}

function rowLine(row: RowView): string {
  const parts = [row.key.padEnd(16), row.state.padEnd(7), row.ovirtId ?? '—'];
  if (row.endedAs !== undefined) parts.push(`ended ${row.endedAs}`);
  if (row.claim !== undefined) parts.push(`claim ${row.claim.owner} until ${row.claim.expiresAt}${row.claim.lapsed ? ' (lapsed)' : ''}`);
  if (row.lastError !== undefined) parts.push(`last error ${row.lastError}`);
  if (row.description !== undefined) parts.push(`"${row.description}"`);
  return parts.join('  ');
}

function jobLines(job: JobView): string[] {
  if (!job.found) return [`  ${job.key}  ${job.id}  NOT IN OVIRT`];
  const lines = [`  ${job.key}  [${job.status ?? '?'}] ${job.description ?? ''}  (${job.id})`];
  const children = new Map<string | undefined, StepView[]>();
  for (const step of job.steps) children.set(step.parentStepId, [...(children.get(step.parentStepId) ?? []), step]);
  const walk = (parent: string | undefined, depth: number): void => {
    for (const step of children.get(parent) ?? []) {
      lines.push(`  ${'  '.repeat(depth)}[${step.status}] ${step.description}  ${step.key ?? '(no row)'}`);
      walk(step.id, depth + 1);
    }
  };
  walk(undefined, 1);
  return lines;
}
