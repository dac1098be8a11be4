/**
 * The terminal views of the oVirt tree: the whole tree as plain text (no escape codes unless
 * colours are asked for), the change lines printed when output is not a terminal, and the
 * view choosing between the two.
 */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OutputTail } from '../../../src/local/stack/output-tail.js';
import { renderTree, treeChanges } from '../../../src/local/stack/render-tree.js';
import { TerminalView } from '../../../src/local/stack/terminal-view.js';
import type { ViewOutput } from '../../../src/local/stack/terminal-view.js';
import { job, step } from '../../../src/local/stack/tree-model.js';

const ESCAPE = '\u001b';

const running = job('release-train › release-2.4.0', 'started', [
  step('ValidateRelease', 'finished'),
  step('DeployToRegions', 'started', [
    step('Iteration 0', 'finished', [step('DeployRegion', 'finished')]),
    step('Iteration 1', 'started', [step('DeployRegion', 'started')]),
  ]),
]);
const ended = job('build-and-deploy › checkout-api-main-3f9d2ab', 'finished', [step('PrepareBuild', 'finished'), step('Done', 'finished')]);

/** recorder is a ViewOutput that keeps what was written. */
function recorder(tty: boolean): ViewOutput & { text(): string } {
  const chunks: string[] = [];
  return { isTTY: tty, rows: 30, columns: 100, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

describe('renderTree', () => {
  it('draws jobs and nested steps as plain text with status labels', () => {
    // Prepare
    const jobs = [running, ended];
    // Act
    const lines = renderTree(jobs);
    // Assess
    expect(lines).toEqual([
      'release-train › release-2.4.0  [started]',
      '├─ ValidateRelease  [finished]',
      '└─ DeployToRegions  [started]',
      '   ├─ Iteration 0  [finished]',
      '   │  └─ DeployRegion  [finished]',
      '   └─ Iteration 1  [started]',
      '      └─ DeployRegion  [started]',
      '',
      'build-and-deploy › checkout-api-main-3f9d2ab  [finished]',
      '├─ PrepareBuild  [finished]',
      '└─ Done  [finished]',
    ]);
    expect(lines.join('\n')).not.toContain(ESCAPE);
  });

  it('collapses ended jobs to one line when asked, keeping running ones open', () => {
    // Prepare
    const jobs = [ended, running];
    // Act
    const lines = renderTree(jobs, { collapseEnded: true });
    // Assess
    expect(lines[0]).toBe('build-and-deploy › checkout-api-main-3f9d2ab  (2 steps)  [finished]');
    expect(lines.slice(1, 3)).toEqual(['', 'release-train › release-2.4.0  [started]']);
    expect(lines).toHaveLength(9);
  });

  it('colours labels only when asked', () => {
    // Prepare
    const jobs = [ended];
    // Act
    const coloured = renderTree(jobs, { color: true }).join('\n');
    // Assess
    expect(coloured).toContain(`${ESCAPE}[32m[finished]${ESCAPE}[39m`);
    expect(stripVTControlCharacters(coloured)).toBe(renderTree(jobs).join('\n'));
  });
});

describe('treeChanges', () => {
  it('lists steps that appeared, changed status or disappeared, by path', () => {
    // Prepare
    const before = [job('j', 'started', [step('A', 'started'), step('B', 'finished')])];
    const after = [job('j', 'started', [step('A', 'finished'), step('C', 'started', [step('C1', 'started')])])];
    // Act
    const lines = treeChanges(before, after);
    // Assess
    expect(lines).toEqual(['j / A  [started → finished]', 'j / C  [started]', 'j / C / C1  [started]', 'j / B  [gone]']);
  });

  it('reports nothing when nothing changed', () => {
    // Prepare
    const tree = [running];
    // Act
    const lines = treeChanges(tree, structuredClone(tree));
    // Assess
    expect(lines).toEqual([]);
  });
});

describe('TerminalView', () => {
  it('prints stamped change lines and the final tree as plain text when output is not a terminal', () => {
    // Prepare
    const out = recorder(false);
    const view = new TerminalView(out, Date.now(), {});
    // Act
    view.print(['banner']);
    view.update([job('j', 'started', [step('A', 'started')])]);
    view.update([job('j', 'finished', [step('A', 'finished')])]);
    view.note('a message');
    view.finish();
    // Assess
    const text = out.text();
    expect(text).not.toContain(ESCAPE);
    expect(text).toMatch(/^banner\n\+\d+\.\ds {2}j {2}\[started\]\n\+\d+\.\ds {2}j \/ A {2}\[started\]\n/);
    expect(text).toMatch(/\+\d+\.\ds {2}j {2}\[started → finished\]\n/);
    expect(text).toMatch(/\+\d+\.\ds {2}a message\n/);
    expect(text).toContain('Final oVirt tree:\nj  [finished]\n└─ A  [finished]\n');
  });

  it('colours status labels on a terminal without NO_COLOR, whatever stdout the tests run with', () => {
    // Prepare
    const out = recorder(true);
    const view = new TerminalView(out, Date.now(), {});
    // Act
    view.update([job('j', 'failed', [step('A', 'finished')])]);
    // Assess
    expect(out.text()).toContain(`j  ${ESCAPE}[31m[failed]${ESCAPE}[39m\n`);
    expect(out.text()).toContain(`└─ A  ${ESCAPE}[32m[finished]${ESCAPE}[39m\n`);
  });

  it('redraws in place on a terminal, within its width, colour off with NO_COLOR', () => {
    // Prepare
    const out = recorder(true);
    const view = new TerminalView(out, Date.now(), { NO_COLOR: '1' });
    const long = 'x'.repeat(300);
    // Act
    view.update([job('j', 'started', [step(long, 'started')])]);
    view.update([job('j', 'finished', [step(long, 'finished')])]);
    // Assess
    const text = out.text();
    expect(text).toContain(`${ESCAPE}[2F${ESCAPE}[J`);
    expect(text).not.toContain(`${ESCAPE}[32m`);
    const drawn = text.split(`${ESCAPE}[2F${ESCAPE}[J`).at(-1) ?? '';
    expect(drawn.split('\n').every((line) => Array.from(line).length <= 99)).toBe(true);
    expect(drawn).toMatch(/x… {2}\[finished\]\n/);
  });
});

describe('OutputTail', () => {
  it('keeps the last lines of a child\'s output without its colour codes', () => {
    // Prepare
    const tail = new OutputTail(2);
    // Act
    tail.push(`${ESCAPE}[33mWarning${ESCAPE}[39m: first`);
    tail.push(`${ESCAPE}[1m${ESCAPE}[31mError:${ESCAPE}[22m${ESCAPE}[39m port in use`);
    tail.push(`${ESCAPE}]0;window title${ESCAPE}\\last line`);
    // Assess
    expect(tail.text()).toBe('  Error: port in use\n  last line');
  });

  it('says when the child printed nothing', () => {
    // Act
    const text = new OutputTail(5).text();
    // Assess
    expect(text).toBe('  (no output)');
  });
});
