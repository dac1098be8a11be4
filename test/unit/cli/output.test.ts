import { describe, expect, it } from 'vitest';
import { createOutput, formatDuration } from '../../../src/cli/output.js';

function writer(isTTY = false) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 80, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

describe('CLI output', () => {
  it('--json: stdout holds exactly one JSON document, human lines are dropped', () => {
    const stdout = writer();
    const out = createOutput({ stdout, stderr: writer(), json: true });
    out.line('not for machines');
    out.json({ ok: true });
    out.json({ second: true });
    expect(JSON.parse(stdout.text())).toEqual({ ok: true });
  });

  it('human mode ignores json() and prints lines', () => {
    const stdout = writer();
    const out = createOutput({ stdout, stderr: writer(), json: false });
    out.line('✓ engine reachable');
    out.json({ ok: true });
    expect(stdout.text()).toBe('✓ engine reachable\n');
  });

  it('on a terminal the bar redraws in place with counts and an estimate', () => {
    let now = 0;
    const stdout = writer(true);
    const progress = createOutput({ stdout, stderr: writer(), json: false, now: () => now }).progress('Backfill', 4);
    now = 2000;
    progress.tick();
    expect(stdout.chunks.at(-1)).toMatch(/^\rBackfill \[######\.+\] 1\/4 \(25 %\), about 6 s left/);
    progress.done('Backfill: 4 mirrored');
    expect(stdout.chunks.at(-1)).toBe('\r\u001b[KBackfill: 4 mirrored\n');
  });

  it('off a terminal it prints a plain line at most every few seconds', () => {
    let now = 0;
    const stdout = writer(false);
    const progress = createOutput({ stdout, stderr: writer(), json: false, now: () => now, plainEverySeconds: 5 }).progress('Replay');
    progress.tick(1, 'first');
    now = 1000;
    progress.tick();
    now = 6000;
    progress.tick();
    expect(stdout.chunks).toEqual(['Replay: 1 done — first\n', 'Replay: 3 done\n']);
  });

  it('with --json progress goes to stderr, so stdout stays one document', () => {
    const stdout = writer(true);
    const stderr = writer();
    const progress = createOutput({ stdout, stderr, json: true, now: () => 0 }).progress('Backfill', 2);
    progress.tick();
    expect(stdout.text()).toBe('');
    expect(stderr.text()).toContain('Backfill: 1/2 (50 %)');
  });

  it('formats durations for people', () => {
    expect([formatDuration(4_400), formatDuration(200_000), formatDuration(7_500_000)]).toEqual(['4 s', '3 min 20 s', '2 h 5 min']);
  });
});
