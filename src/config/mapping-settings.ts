/**
 * readMappingSettings reads the mapping rules (execution → job, state → step) from the
 * environment onto DEFAULT_MAPPING.
 */
import { ConfigError } from '../errors.js';
import type { MappingConfig } from '../model/mapping.js';
import { DEFAULT_MAPPING } from '../model/mapping.js';
import type { Env } from './env.js';
import { readBoolean, readInteger, readList, readString } from './env.js';

const STEP_TYPES = ['validating', 'executing', 'finalizing'] as const;
type RuleType = (typeof STEP_TYPES)[number];
type Rule = { pattern: string; type: RuleType };

/** readMappingSettings returns a frozen MappingConfig. */
export function readMappingSettings(env: Env): MappingConfig {
  const mirrored = readList(env, 'MIRRORED_STATE_TYPES');
  return Object.freeze({
    ...DEFAULT_MAPPING,
    jobDescriptionTemplate: readString(env, 'JOB_DESCRIPTION_TEMPLATE') ?? DEFAULT_MAPPING.jobDescriptionTemplate,
    descriptionMaxLength: readInteger(env, 'DESCRIPTION_MAX_LENGTH', DEFAULT_MAPPING.descriptionMaxLength, 20, 4000),
    autoCleared: readBoolean(env, 'JOB_AUTO_CLEARED', DEFAULT_MAPPING.autoCleared),
    stepTypeRules: readStepTypeRules(env) ?? DEFAULT_MAPPING.stepTypeRules,
    mirroredStateTypes:
      mirrored.length === 0 || mirrored.includes('all') ? DEFAULT_MAPPING.mirroredStateTypes : new Set(mirrored),
    maxMapIterations: readInteger(env, 'MAX_MAP_ITERATIONS', DEFAULT_MAPPING.maxMapIterations, 0, 10_000),
    mirrorChildExecutions: readBoolean(env, 'MIRROR_CHILD_EXECUTIONS', DEFAULT_MAPPING.mirrorChildExecutions),
  });
}

/** STEP_TYPE_RULES is a JSON array: [{"pattern": "^Validate", "type": "validating"}, …]; first match wins. */
function readStepTypeRules(env: Env): Rule[] | undefined {
  const raw = readString(env, 'STEP_TYPE_RULES');
  if (raw === undefined) return undefined;
  const example = 'expected a JSON array like [{"pattern":"^Validate","type":"validating"}]';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new ConfigError('STEP_TYPE_RULES', `${example}.`, { cause });
  }
  if (!Array.isArray(parsed)) throw new ConfigError('STEP_TYPE_RULES', `${example}.`);
  return parsed.map((entry: unknown, i) => toRule(entry, i));
}

function toRule(entry: unknown, index: number): Rule {
  const rule = entry as Partial<Rule> | null;
  if (typeof rule?.pattern !== 'string' || !STEP_TYPES.includes(rule.type as RuleType)) {
    throw new ConfigError('STEP_TYPE_RULES', `rule ${index} needs a "pattern" string and a "type" of ${STEP_TYPES.join(', ')}.`);
  }
  try {
    new RegExp(rule.pattern);
  } catch (cause) {
    throw new ConfigError('STEP_TYPE_RULES', `rule ${index}: "${rule.pattern}" is not a valid regular expression.`, { cause });
  }
  return { pattern: rule.pattern, type: rule.type as RuleType };
}
