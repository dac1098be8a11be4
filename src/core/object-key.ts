/**
 * Deterministic object keys: the sort key of each tracking row, derived from the tree alone,
 * unique within an execution and stable across incremental builds. `<path>` is a node's path id
 * (see model/tree: `v4`, `v4.a1.i2`, `v4.a1.i2.v9`, `v2.a1.b5.v12`); `<run>` is the execution
 * run (0 = original, n = n-th redrive), because each run is its own oVirt job.
 *
 * | Key                           | Object                                                   |
 * | ----------------------------- | -------------------------------------------------------- |
 * | `job#<run>`                   | the job of one run                                       |
 * | `step#<run>#<path>`           | a state visit, a Map iteration or a Parallel branch      |
 * | `step#<run>#<path>.t<k>`      | note: attempt k of the visit failed and was retried      |
 * | `step#<run>#<path>.c`         | note: the visit caught a failure                         |
 * | `step#<run>#<path>.x`         | note: why the visit (or iteration/branch) failed         |
 * | `step#<run>#<path>.a<k>.s`    | summary of the Map attempt k's iterations past the cap   |
 * | `step#<run>#<path>.a<k>.s.n`  | final iteration counts of that attempt                   |
 * | `step#<run>#<path>.a<k>.m`    | Distributed Map run summary of attempt k                 |
 * | `step#<run>#end`              | why the run failed, when no visit carries the reason     |
 */

/** jobKey is the key of the job of `run`. */
export const jobKey = (run: number): string => `job#${run}`;

/** stepKey is the key of the step at `path` in the job of `run`. */
export const stepKey = (run: number, path: string): string => `step#${run}#${path}`;

/** STEP_PATHS builds the paths of the note and summary steps hanging under a node path. */
export const STEP_PATHS = Object.freeze({
  retriedAttempt: (path: string, attempt: number): string => `${path}.t${attempt}`,
  caught: (path: string): string => `${path}.c`,
  reason: (path: string): string => `${path}.x`,
  summary: (path: string, attempt: number): string => `${path}.a${attempt}.s`,
  summaryCounts: (path: string, attempt: number): string => `${path}.a${attempt}.s.n`,
  mapRun: (path: string, attempt: number): string => `${path}.a${attempt}.m`,
  runReason: 'end',
});
