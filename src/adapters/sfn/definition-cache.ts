/**
 * DefinitionCache keeps parsed state machine definitions in memory for the life of a Lambda
 * container: by `revisionId` (many executions share one revision, so each is parsed once) and
 * by execution ARN (a second lookup for the same execution makes no call at all). Both maps are
 * bounded; the oldest entry goes first.
 */
import type { StateMachineDefinition } from '../../model/execution.js';

/** DefinitionCache is a bounded, insertion-ordered cache of parsed definitions. */
export class DefinitionCache {
  readonly #byExecution = new Map<string, StateMachineDefinition>();
  readonly #byRevision = new Map<string, StateMachineDefinition>();
  readonly #maxEntries: number;

  /** @param maxEntries bound of each map. @default 500 */
  constructor(maxEntries = 500) {
    this.#maxEntries = maxEntries;
  }

  /** forExecution returns the definition already seen for this execution. */
  forExecution(executionArn: string): StateMachineDefinition | undefined {
    return this.#byExecution.get(executionArn);
  }

  /** forRevision returns the parsed definition of a revision seen before. */
  forRevision(revisionId: string | undefined): StateMachineDefinition | undefined {
    return revisionId === undefined ? undefined : this.#byRevision.get(revisionId);
  }

  /** remember stores a definition under its execution and, when it has one, its revision. */
  remember(executionArn: string, definition: StateMachineDefinition): void {
    put(this.#byExecution, executionArn, definition, this.#maxEntries);
    if (definition.revisionId !== undefined) put(this.#byRevision, definition.revisionId, definition, this.#maxEntries);
  }
}

function put<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
}
