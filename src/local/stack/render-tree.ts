/**
 * Plain-text views of an oVirt tree, readable without colours: renderTree draws the whole
 * tree (the live view on a terminal, the final tree everywhere), treeChanges lists what
 * changed between two readings (the live view when output is piped or logged).
 *
 * ```text
 * release-train › release-2.4.0  [started]
 * ├─ ValidateRelease  [finished]
 * └─ DeployToRegions  [started]
 *    └─ Iteration 0  [started]
 * ```
 */
import { styleText } from 'node:util';
import type { ExpectedJob, ExpectedStep, TreeStatus } from './tree-model.js';

/**
 * RenderOptions: `color` adds ANSI colours to the status labels (terminals only);
 * `collapseEnded` shows an ended job as one line with its step count (short screens).
 */
export interface RenderOptions {
  readonly color?: boolean | undefined;
  readonly collapseEnded?: boolean | undefined;
}

const COLORS: Readonly<Record<TreeStatus, Parameters<typeof styleText>[0]>> = {
  started: 'yellow',
  finished: 'green',
  failed: 'red',
  aborted: 'magenta',
  unknown: 'gray',
};

/** statusLabel is `[status]`, coloured when asked. */
export function statusLabel(status: TreeStatus, options: RenderOptions = {}): string {
  // The caller decides (TerminalView: a terminal, NO_COLOR unset); styleText must not check stdout again.
  return options.color === true ? styleText(COLORS[status], `[${status}]`, { validateStream: false }) : `[${status}]`;
}

/**
 * renderTree returns the lines of the tree: each job, then its steps drawn with box
 * characters, a blank line between jobs.
 */
export function renderTree(jobs: readonly ExpectedJob[], options: RenderOptions = {}): string[] {
  const lines: string[] = [];
  jobs.forEach((job, index) => {
    const collapsed = options.collapseEnded === true && job.status !== 'started';
    if (index > 0 && !collapsed) lines.push('');
    if (collapsed) {
      lines.push(`${job.description}  (${countSteps(job.steps)} steps)  ${statusLabel(job.status, options)}`);
      return;
    }
    lines.push(`${job.description}  ${statusLabel(job.status, options)}`);
    renderSteps(job.steps, '', lines, options);
  });
  return lines;
}

function countSteps(steps: readonly ExpectedStep[]): number {
  return steps.reduce((sum, s) => sum + 1 + countSteps(s.steps), 0);
}

function renderSteps(steps: readonly ExpectedStep[], indent: string, lines: string[], options: RenderOptions): void {
  steps.forEach((s, index) => {
    const last = index === steps.length - 1;
    lines.push(`${indent}${last ? '└─' : '├─'} ${s.description}  ${statusLabel(s.status, options)}`);
    renderSteps(s.steps, `${indent}${last ? '   ' : '│  '}`, lines, options);
  });
}

/** flatten maps every node's path (job, then steps, joined with ' / ') to its status. */
export function flatten(jobs: readonly ExpectedJob[]): Map<string, TreeStatus> {
  const out = new Map<string, TreeStatus>();
  const add = (path: string, status: TreeStatus): string => {
    let key = path;
    for (let n = 2; out.has(key); n++) key = `${path} #${n}`;
    out.set(key, status);
    return key;
  };
  const walk = (prefix: string, steps: readonly ExpectedStep[]): void => {
    for (const s of steps) walk(add(`${prefix} / ${s.description}`, s.status), s.steps);
  };
  for (const job of jobs) walk(add(job.description, job.status), job.steps);
  return out;
}

/**
 * treeChanges lists, in tree order, the nodes that appeared (`path  [status]`), changed
 * (`path  [old → new]`) or disappeared (`path  [gone]`, e.g. cleaned up by the engine).
 */
export function treeChanges(previous: readonly ExpectedJob[], next: readonly ExpectedJob[]): string[] {
  const before = flatten(previous);
  const after = flatten(next);
  const lines: string[] = [];
  for (const [path, status] of after) {
    const old = before.get(path);
    if (old === undefined) lines.push(`${path}  [${status}]`);
    else if (old !== status) lines.push(`${path}  [${old} → ${status}]`);
  }
  for (const path of before.keys()) if (!after.has(path)) lines.push(`${path}  [gone]`);
  return lines;
}
