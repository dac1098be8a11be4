/**
 * OutputTail keeps the last lines a child process printed, so a startup failure can show
 * what the child said without flooding the terminal during normal runs.
 */
import { stripVTControlCharacters } from 'node:util';

/** OutputTail is a bounded list of the most recent lines. */
export class OutputTail {
  private readonly lines: string[] = [];

  /** @param limit how many lines to keep. */
  constructor(private readonly limit: number) {}

  /** push adds one line (terminal escape sequences removed), dropping the oldest beyond the limit. */
  push(line: string): void {
    this.lines.push(stripVTControlCharacters(line));
    if (this.lines.length > this.limit) this.lines.shift();
  }

  /** text returns the kept lines, indented, or a note that there was no output. */
  text(): string {
    return this.lines.length === 0 ? '  (no output)' : this.lines.map((line) => `  ${line}`).join('\n');
  }
}
