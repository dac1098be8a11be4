/** The DynamoDB tracking adapter's public surface. */
export { createDynamoClient } from './client.js';
export type { DynamoClientOptions } from './client.js';
export { MAX_CHECKPOINT_BYTES } from './progress-writes.js';
export { DynamoTrackingStore } from './tracking-store.js';
export type { DynamoTrackingStoreOptions } from './tracking-store.js';
export { DynamoHistoryBudget } from './history-budget.js';
export type { DynamoHistoryBudgetOptions } from './history-budget.js';
