/**
 * stepTypeFor picks the oVirt step type of a state from the mapping's rules: the first rule
 * whose pattern matches the state name wins, `executing` when none does.
 */
import type { StepTypeRule } from '../model/mapping.js';
import type { StepType } from '../model/ovirt.js';

const compiled = new WeakMap<ReadonlyArray<StepTypeRule>, Array<{ test: RegExp | null; type: StepType }>>();

function compile(rules: ReadonlyArray<StepTypeRule>): Array<{ test: RegExp | null; type: StepType }> {
  let list = compiled.get(rules);
  if (list === undefined) {
    list = rules.map((rule) => ({ test: toRegExp(rule.pattern), type: rule.type }));
    compiled.set(rules, list);
  }
  return list;
}

function toRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    // The config loader rejects invalid patterns; one that slips through simply never matches.
    return null;
  }
}

/** stepTypeFor returns the step type for a state name. */
export function stepTypeFor(stateName: string, rules: ReadonlyArray<StepTypeRule>): StepType {
  return compile(rules).find((rule) => rule.test?.test(stateName) === true)?.type ?? 'executing';
}
