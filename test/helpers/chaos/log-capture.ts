/**
 * captureOutput takes over everything written to stdout and stderr — the Powertools logger
 * (its own Console over process.stdout/stderr), metrics, console.* and any library that writes
 * directly — until `restore()`. Used to keep chaos runs quiet and to search whole-suite log
 * output for secrets.
 */

type Write = typeof process.stdout.write;

/** OutputCapture is a running capture. */
export interface OutputCapture {
  /** Every chunk written since the capture began (when `keep` is on). */
  readonly chunks: string[];
  /** Number of chunks written. */
  readonly count: () => number;
  /** writeThrough writes to the real stderr (progress lines), bypassing the capture. */
  writeThrough(text: string): void;
  restore(): void;
}

/** captureOutput starts capturing; `onText` sees every chunk (e.g. to search it). */
export function captureOutput(options: { keep?: boolean; onText?: (text: string) => void } = {}): OutputCapture {
  const chunks: string[] = [];
  let count = 0;
  // Own properties (if a test runner patched them already) are saved and put back as they were.
  const saved = { out: Object.getOwnPropertyDescriptor(process.stdout, 'write'), err: Object.getOwnPropertyDescriptor(process.stderr, 'write') };
  const realErr = process.stderr.write.bind(process.stderr);
  const sink = ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    count += 1;
    if (options.keep) chunks.push(text);
    options.onText?.(text);
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') (done as () => void)();
    return true;
  }) as Write;
  process.stdout.write = sink;
  process.stderr.write = sink;
  return {
    chunks,
    count: () => count,
    writeThrough: (text) => void realErr(text),
    restore: () => {
      restoreWrite(process.stdout, saved.out);
      restoreWrite(process.stderr, saved.err);
    },
  };
}

function restoreWrite(stream: NodeJS.WriteStream, descriptor: PropertyDescriptor | undefined): void {
  if (descriptor === undefined) Reflect.deleteProperty(stream, 'write');
  else Object.defineProperty(stream, 'write', descriptor);
}
