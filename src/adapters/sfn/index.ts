/**
 * The Step Functions adapter: the HistoryReader port over `@aws-sdk/client-sfn`, the client
 * factory, and the error classification used at this boundary.
 */
export { createSfnClient } from './create-sfn-client.js';
export { createSfnHistoryReader } from './history-reader.js';
export { listExecutions } from './list-executions.js';
export { paceCalls } from './pace-calls.js';
export { DefinitionCache } from './definition-cache.js';
export { toSfnError } from './errors.js';
export { toHistoryEvent } from './to-history-event.js';
export { toExecutionDescription } from './to-execution-description.js';
export type { SfnClientOptions } from './create-sfn-client.js';
export type { SfnCall } from './errors.js';
export type { SfnHistoryReaderOptions, SfnReaderLog } from './history-reader.js';
export { describeStateMachine } from './describe-state-machine.js';
export type { StateMachineFacts } from './describe-state-machine.js';
export type { ListedExecution, ListExecutionsOptions } from './list-executions.js';
export type { CallPacer } from './pace-calls.js';
