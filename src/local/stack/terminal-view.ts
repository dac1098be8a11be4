/**
 * TerminalView shows the stack's live oVirt tree. On a terminal it redraws the tree in place
 * below the URLs (cursor movement, coloured statuses unless NO_COLOR is set); anywhere else
 * (a pipe, a log file, CI) it prints plain lines: one per job or step that appears or changes
 * status, stamped with the seconds since start, and the whole tree at the end.
 */
import type { ExpectedJob } from './tree-model.js';
import { renderTree, statusLabel, treeChanges } from './render-tree.js';

/** ViewOutput is where the view writes (process.stdout, or a test double). */
export interface ViewOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly rows?: number | undefined;
  readonly columns?: number | undefined;
}

/** MAX_NOTES is how many recent messages a terminal keeps under the tree. */
const MAX_NOTES = 6;
const STATUS_AT_END = /\[(started|finished|failed|aborted|unknown)\]$/;

/**
 * eraseLinesAbove moves the cursor to the start of the line `count` lines up (CSI F) and erases
 * from there to the end of the screen (CSI J). Node's readline has no single call for this, and
 * its cursor functions want a stream where a test passes a plain writer.
 */
function eraseLinesAbove(count: number): string {
  return `\u001b[${count}F\u001b[J`;
}

/** TerminalView: see the file comment. */
export class TerminalView {
  private readonly live: boolean;
  private readonly color: boolean;
  private jobs: readonly ExpectedJob[] = [];
  private notes: string[] = [];
  private drawnLines = 0;

  /** @param startedAt epoch ms the stamps count from. */
  constructor(
    private readonly out: ViewOutput,
    private readonly startedAt: number,
    env: Readonly<Record<string, string | undefined>> = {},
  ) {
    this.live = out.isTTY === true && env.TERM !== 'dumb';
    this.color = this.live && env.NO_COLOR === undefined;
  }

  /** print writes lines above the live area (the URLs, the final verdict). */
  print(lines: readonly string[]): void {
    this.clearLive();
    this.out.write(lines.map((line) => `${line}\n`).join(''));
    this.drawLive();
  }

  /** note shows a message: under the tree on a terminal, as a stamped line otherwise. */
  note(message: string): void {
    if (!this.live) {
      this.out.write(`${this.stamp()}  ${message}\n`);
      return;
    }
    this.notes = [...this.notes, message].slice(-MAX_NOTES);
    this.redraw();
  }

  /** update shows a new reading of the tree. */
  update(jobs: readonly ExpectedJob[]): void {
    const changes = treeChanges(this.jobs, jobs);
    this.jobs = jobs;
    if (changes.length === 0) return;
    if (this.live) this.redraw();
    else this.out.write(changes.map((line) => `${this.stamp()}  ${line}\n`).join(''));
  }

  /** finish leaves the final tree on screen (printed in full when not on a terminal). */
  finish(): void {
    if (this.live) {
      this.redraw();
      this.drawnLines = 0;
      return;
    }
    this.out.write(['', 'Final oVirt tree:', ...renderTree(this.jobs), ''].map((line) => `${line}\n`).join(''));
  }

  private stamp(): string {
    return `+${((Date.now() - this.startedAt) / 1000).toFixed(1)}s`;
  }

  private redraw(): void {
    this.clearLive();
    this.drawLive();
  }

  private clearLive(): void {
    if (this.live && this.drawnLines > 0) this.out.write(eraseLinesAbove(this.drawnLines));
    this.drawnLines = 0;
  }

  private drawLive(): void {
    if (!this.live) return;
    const width = Math.max(20, (this.out.columns ?? 100) - 1);
    const room = Math.max(3, (this.out.rows ?? 40) - 2 - this.notes.length);
    let lines = this.jobs.length === 0 ? ['(no jobs in the task monitor yet)'] : renderTree(this.jobs);
    if (lines.length > room) lines = renderTree(this.jobs, { collapseEnded: true });
    if (lines.length > room) lines = [...lines.slice(0, room - 1), `… ${lines.length - room + 1} more lines (see the task monitor)`];
    const shown = [...lines, ...this.notes.map((n) => `! ${n}`)].map((line) => this.fit(line, width));
    this.out.write(shown.map((line) => `${line}\n`).join(''));
    this.drawnLines = shown.length;
  }

  /** fit cuts a line to the width (no wrapping, so redraws count lines right), keeping its status label. */
  private fit(line: string, width: number): string {
    const match = STATUS_AT_END.exec(line);
    const label = match?.[1] === undefined ? '' : `[${match[1]}]`;
    const text = Array.from(label === '' ? line : line.slice(0, match?.index));
    const room = width - label.length;
    const cut = text.length > room ? `${text.slice(0, Math.max(1, room - 3)).join('')}…  ` : text.join('');
    if (label === '') return cut;
    return cut + (this.color ? statusLabel(match?.[1] as Parameters<typeof statusLabel>[0], { color: true }) : label);
  }
}
