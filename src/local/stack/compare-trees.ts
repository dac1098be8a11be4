/**
 * compareTrees checks an observed oVirt tree against an expected one, strictly: the same jobs
 * and, at every level, the same step descriptions, each with the expected status and the same
 * number of occurrences. Siblings are matched by description rather than position, because
 * the reconciler keeps sibling descriptions unique and concurrent visits may be added in
 * either order. The result is one readable line per difference; empty means equal.
 */
import type { ExpectedJob, ExpectedStep } from './tree-model.js';

/** Node is what both levels share: a description, a status and children. */
type Node = ExpectedJob | ExpectedStep;

/**
 * compareTrees returns the differences between `expected` and `actual` jobs.
 * @example compareTrees([job('a', 'finished')], [job('a', 'failed')]) // ['job "a": status expected finished, found failed']
 */
export function compareTrees(expected: readonly ExpectedJob[], actual: readonly ExpectedJob[]): string[] {
  return compareLevel([], expected, actual, 'job');
}

function compareLevel(path: readonly string[], expected: readonly Node[], actual: readonly Node[], kind: 'job' | 'step'): string[] {
  const differences: string[] = [];
  const wanted = groupByDescription(expected);
  const found = groupByDescription(actual);
  for (const [description, expectedNodes] of wanted) {
    const actualNodes = found.get(description) ?? [];
    const where = label(path, description, kind);
    if (actualNodes.length === 0) {
      differences.push(`${where}: missing (expected ${expectedNodes.map((n) => n.status).join(', ')})`);
      continue;
    }
    if (actualNodes.length !== expectedNodes.length) {
      differences.push(`${where}: expected ${expectedNodes.length} ${plural(kind, expectedNodes.length)} with this description, found ${actualNodes.length}`);
    }
    expectedNodes.forEach((want, index) => {
      const got = actualNodes[index];
      if (got !== undefined) differences.push(...compareNode([...path, description], want, got, where));
    });
  }
  for (const [description, actualNodes] of found) {
    if (wanted.has(description)) continue;
    const statuses = actualNodes.map((n) => n.status).join(', ');
    differences.push(`${label(path, description, kind)}: unexpected ${kind} (${statuses})`);
  }
  return differences;
}

function compareNode(path: readonly string[], want: Node, got: Node, where: string): string[] {
  const differences: string[] = [];
  if (want.status !== got.status) differences.push(`${where}: status expected ${want.status}, found ${got.status}`);
  differences.push(...compareLevel(path, want.steps, got.steps, 'step'));
  return differences;
}

function groupByDescription(nodes: readonly Node[]): Map<string, Node[]> {
  const groups = new Map<string, Node[]>();
  for (const node of nodes) groups.set(node.description, [...(groups.get(node.description) ?? []), node]);
  return groups;
}

function label(path: readonly string[], description: string, kind: 'job' | 'step'): string {
  const [jobName, ...steps] = [...path, description];
  const quoted = `job "${jobName ?? ''}"`;
  return kind === 'job' && steps.length === 0 ? quoted : `${quoted}, step ${steps.map((s) => `"${s}"`).join(' › ')}`;
}

function plural(kind: 'job' | 'step', count: number): string {
  return count === 1 ? kind : `${kind}s`;
}
