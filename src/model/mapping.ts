/**
 * Mapping configuration: how an execution and its state visits become oVirt jobs and steps.
 * The rules themselves live in core/desired (documented as a table in the README); this file
 * only holds the knobs and their defaults. The config loader builds one from the environment.
 */

/** StepTypeRule maps state names matching `pattern` (a RegExp source) to an external step type. */
export interface StepTypeRule {
  readonly pattern: string;
  readonly type: 'validating' | 'executing' | 'finalizing';
}

/** MappingConfig holds every mapping knob; each field documents its default. */
export interface MappingConfig {
  /**
   * Job description; placeholders `{stateMachine}`, `{execution}`, `{redrive}` (the run number).
   * ` (redrive n)` is appended for run n > 0 unless the template uses `{redrive}` itself.
   * @default '{stateMachine} › {execution}'
   */
  readonly jobDescriptionTemplate: string;
  /** Longest job or step description; longer ones are cut and end with '…'. @default 200 */
  readonly descriptionMaxLength: number;
  /** Whether oVirt may clean the job up once it ended (as the ovirt_job Ansible module does). @default true */
  readonly autoCleared: boolean;
  /** Step type by state name; the first matching rule wins, `executing` when none matches. @default [] */
  readonly stepTypeRules: ReadonlyArray<StepTypeRule>;
  /**
   * State types whose visits become steps (Task, Pass, Choice, Wait, Succeed, Fail, Map, Parallel).
   * Visits inside an unmirrored Map or Parallel are not mirrored either. @default 'all'
   */
  readonly mirroredStateTypes: ReadonlySet<string> | 'all';
  /** Map iterations with index below this get their own step; the rest are summarised. @default 100 */
  readonly maxMapIterations: number;
  /** Whether Distributed Map child executions become jobs of their own. @default false */
  readonly mirrorChildExecutions: boolean;
}

/** DEFAULT_MAPPING is the mapping used when nothing is configured. */
export const DEFAULT_MAPPING: MappingConfig = Object.freeze({
  jobDescriptionTemplate: '{stateMachine} › {execution}',
  descriptionMaxLength: 200,
  autoCleared: true,
  stepTypeRules: Object.freeze([]),
  mirroredStateTypes: 'all',
  maxMapIterations: 100,
  mirrorChildExecutions: false,
});
