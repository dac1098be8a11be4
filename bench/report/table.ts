/**
 * renderReport prints the benchmark as plain text: one row per scenario, the cold-start
 * figures per function, one PASS/FAIL line per goal, and footnotes that define every figure.
 */
import type { FunctionColdStart } from '../coldstart/cold-start.js';
import { totalWrites } from '../measure/minimum.js';
import type { ScenarioResult } from '../scenarios/scenario-result.js';
import type { GoalVerdict } from './goals.js';
import { renderLiveness } from '../liveness/report.js';
import type { LivenessResult } from '../liveness/simulate.js';
import { FOOTNOTES } from './footnotes.js';

/** ReportInput is everything one run produced. */
export interface ReportInput {
  readonly latencyMs: number;
  readonly handlers: 'bundled' | 'source';
  readonly results: readonly ScenarioResult[];
  readonly coldStart?: readonly FunctionColdStart[] | undefined;
  readonly goals: readonly GoalVerdict[];
  readonly liveness?: readonly LivenessResult[] | undefined;
  readonly totalSeconds: number;
  readonly machine: { readonly cores: number; readonly loadAtStart: number; readonly loadAtEnd: number };
}

const HEADERS = [
  'Scenario', 'N', 'oVirt W/min¹', 'R', 'SSO', 'SFN calls', 'pages/bound²', 'DDB req', 'wall s',
  'trans/s', 'p50/p99 ms³', 'RSS MB⁴', 'item KB⁵', 'ovirt_job⁶', 'ours/base',
];

const n0 = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '?');
const n1 = (n: number): string => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '?');

function row(r: ScenarioResult): string[] {
  const writes = totalWrites(r.ovirt.writes);
  const minimum = totalWrites(r.minimum);
  const base = `${n0(r.baseline.calls)}${r.baseline.driven ? '' : '*'}`;
  return [
    r.title, n0(r.events), `${n0(writes)}/${n0(minimum)}`, n0(r.ovirt.reads), n0(r.ovirt.logins), n0(r.sfn.total),
    `${n0(r.sfn.pages)}/${n0(r.pageBound)}`, n0(r.dynamo.total), n1(r.wallMs / 1000), n0(r.transitionsPerSecond),
    `${n1(r.latencyMs.p50)}/${n1(r.latencyMs.p99)}`, n0(r.peakRssMb), n1(r.maxItemBytes / 1024), base,
    `1/${n1(r.baseline.calls / r.ovirt.total)}`,
  ];
}

/** table lays out rows under headers with columns padded to their widest cell. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function coldStartTable(coldStart: readonly FunctionColdStart[]): string {
  const rows = coldStart.map((f) => [
    f.name, n1(f.zipBytes / 1024), n1(f.moduleBytes / 1024), n1(f.importMs), f.importSamples.map((s) => s.toFixed(0)).join(' '),
  ]);
  return table(['Function', 'zip KB', 'bundle KB', 'import ms (median)⁷', 'samples ms'], rows);
}

function goalLines(goals: readonly GoalVerdict[]): string {
  return goals.map((g) => `${g.measured ? (g.pass ? 'PASS' : 'FAIL') : 'n/a '}  ${g.goal} — ${g.detail}`).join('\n');
}

function problems(results: readonly ScenarioResult[]): string[] {
  return results.flatMap((r) => [
    ...r.convergenceIssues.map((issue) => `${r.id}: not converged: ${issue}`),
    ...r.invocations.errors.map((error) => `${r.id}: invocation failed: ${error}`),
  ]);
}

/** renderReport returns the whole printed report. */
export function renderReport(input: ReportInput): string {
  const issues = problems(input.results);
  return [
    `ovirt-pipeline-jobs benchmark — engine latency ${input.latencyMs} ms per request, ${input.handlers} handlers, ${n1(input.totalSeconds)} s`,
    `${input.machine.cores} cores, load average ${input.machine.loadAtStart.toFixed(1)} at start and ${input.machine.loadAtEnd.toFixed(1)} at the end (timings scale with it)`,
    '',
    ...(input.results.length === 0 ? [] : [table(HEADERS, input.results.map(row))]),
    ...(input.coldStart === undefined ? [] : ['', coldStartTable(input.coldStart)]),
    ...(input.liveness === undefined || input.liveness.length === 0 ? [] : ['', renderLiveness(input.liveness)]),
    '',
    'Goals',
    goalLines(input.goals),
    ...(issues.length === 0 ? [] : ['', 'Problems', ...issues]),
    '',
    ...FOOTNOTES,
  ].join('\n');
}
