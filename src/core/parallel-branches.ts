/**
 * parseParallelBranches reads, from an ASL definition, the `StartAt` of each branch of every
 * Parallel state, by state name, looking into nested Parallel `Branches` and Map
 * `ItemProcessor`/`Iterator` too. State names are only unique within one `States` object:
 * when two Parallel states share a name but not their branches, the name is left out and its
 * branches are named without positions (`Branch: <first state>`), which is never wrong.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * parseParallelBranches maps each Parallel state name to the StartAt of its branches, in order.
 * @example parseParallelBranches(definition).get('RunQualityGates') // ['UnitTests', 'StartSecurityScan']
 */
export function parseParallelBranches(definition: unknown): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const ambiguous = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (machine: unknown): void => {
    if (!isObject(machine) || !isObject(machine.States) || seen.has(machine)) return;
    seen.add(machine);
    for (const [name, state] of Object.entries(machine.States)) {
      if (!isObject(state)) continue;
      const branches: unknown[] = Array.isArray(state.Branches) ? state.Branches : [];
      if (state.Type === 'Parallel') {
        const starts = branches.map((b) => (isObject(b) && typeof b.StartAt === 'string' ? b.StartAt : ''));
        const known = found.get(name);
        if (known !== undefined && known.join('\u0000') !== starts.join('\u0000')) ambiguous.add(name);
        found.set(name, starts);
      }
      branches.forEach(walk);
      walk(state.ItemProcessor);
      walk(state.Iterator);
    }
  };
  walk(definition);
  for (const name of ambiguous) found.delete(name);
  return found;
}
