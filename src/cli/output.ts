/**
 * createOutput implements the CLI's Output (src/cli/command.ts) over two writers. Human lines
 * go to stdout; with --json, stdout carries exactly one JSON document and everything for
 * people (progress, warnings) goes to stderr, so `… --json | jq` always parses.
 *
 * Progress draws a bar in place on a terminal (carriage return, no scrolling) and prints a
 * plain line every few seconds anywhere else: a CI log or a pipe gets a readable trace
 * instead of thousands of redraws.
 */
import type { Output, Progress } from './command.js';

/** Writer is the part of a stream the output needs (process.stdout, or a test double). */
export interface Writer {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

export interface OutputOptions {
  readonly stdout: Writer;
  readonly stderr: Writer;
  readonly json: boolean;
  /** Clock in epoch ms, for the estimate and the pacing of plain progress lines. */
  readonly now?: () => number;
  /** Seconds between plain progress lines. @default 5 */
  readonly plainEverySeconds?: number;
}

/** createOutput returns the Output for one run of the command. */
export function createOutput(options: OutputOptions): Output {
  const { stdout, stderr, json } = options;
  const now = options.now ?? Date.now;
  let printed = false;
  return {
    jsonMode: json,
    line: (text) => {
      if (!json) stdout.write(`${text}\n`);
    },
    json: (value) => {
      if (!json || printed) return;
      printed = true;
      stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    warn: (text) => {
      stderr.write(`${text}\n`);
    },
    progress: (label, total) => {
      // In --json mode the bar would garble nothing (stderr), but a machine reading stderr wants lines.
      const target = json ? stderr : stdout;
      const live = !json && stdout.isTTY === true && process.env.TERM !== 'dumb';
      return live ? new BarProgress(target, label, total, now) : new LineProgress(target, label, total, now, options.plainEverySeconds ?? 5);
    },
  };
}

/** Counts shared by both progress styles: done, total, rate and the estimate it gives. */
abstract class CountingProgress implements Progress {
  protected done_ = 0;
  protected readonly startedAt: number;
  constructor(
    protected readonly out: Writer,
    protected readonly label: string,
    protected total_: number | undefined,
    protected readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  tick(n = 1, note?: string): void {
    this.done_ += n;
    this.render(note);
  }

  total(total: number): void {
    this.total_ = total;
    this.render();
  }

  abstract done(summary: string): void;
  protected abstract render(note?: string): void;

  /** counts is "12/40 (30 %), about 1 min 20 s left" or "12 done" when the total is unknown. */
  protected counts(): string {
    if (this.total_ === undefined || this.total_ === 0) return `${this.done_} done`;
    const percent = Math.floor((this.done_ / this.total_) * 100);
    const eta = this.estimate();
    return `${this.done_}/${this.total_} (${percent} %)${eta === undefined ? '' : `, about ${eta} left`}`;
  }

  private estimate(): string | undefined {
    const elapsed = this.now() - this.startedAt;
    if (this.total_ === undefined || this.done_ === 0 || elapsed < 1000) return undefined;
    const leftMs = (elapsed / this.done_) * Math.max(0, this.total_ - this.done_);
    return formatDuration(leftMs);
  }
}

const BAR_WIDTH = 24;

class BarProgress extends CountingProgress {
  protected render(): void {
    const fraction = this.total_ ? Math.min(1, this.done_ / this.total_) : 0;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = this.total_ ? `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ` : '';
    const text = `${this.label} ${bar}${this.counts()}`;
    const width = this.out.columns ?? 100;
    // \r + erase-to-end-of-line redraws in place; cut to the terminal width so it never wraps.
    this.out.write(`\r${text.slice(0, Math.max(10, width - 1))}\u001b[K`);
  }

  done(summary: string): void {
    this.out.write(`\r\u001b[K${summary}\n`);
  }
}

class LineProgress extends CountingProgress {
  private lastLineAt = -Infinity;
  constructor(out: Writer, label: string, total: number | undefined, now: () => number, private readonly everySeconds: number) {
    super(out, label, total, now);
  }

  protected render(note?: string): void {
    const at = this.now();
    if (at - this.lastLineAt < this.everySeconds * 1000) return;
    this.lastLineAt = at;
    this.out.write(`${this.label}: ${this.counts()}${note === undefined ? '' : ` — ${note}`}\n`);
  }

  done(summary: string): void {
    this.out.write(`${summary}\n`);
  }
}

/** formatDuration: "45 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
