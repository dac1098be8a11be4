/**
 * The TrackingStore contract, written once and run against every implementation (the
 * DynamoDB adapter on dynalite, and the in-memory fake the unit tests use), so the fake cannot
 * drift from the table. CASES is keyed by the port's methods: a method added to TrackingStore
 * does not type-check here until its cases are written (in the *.cases.ts file of its group).
 */
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { TrackingStore } from '../../../src/ports.js';
import * as express from './express.cases.js';
import * as ownership from './claim-ownership.cases.js';
import * as executionRows from './execution-rows.cases.js';
import * as lease from './lease.cases.js';
import * as records from './records.cases.js';
import * as sweepIndex from './sweep-index.cases.js';
import * as sweep from './sweep.cases.js';
import type { ContractSubject, MethodCases, StoreHarness } from './support.js';

const CASES: { readonly [Method in keyof TrackingStore]: MethodCases } = {
  acquireLease: lease.acquireLease,
  tryAcquireLease: lease.tryAcquireLease,
  saveProgress: (subject) => {
    lease.saveProgress(subject);
    express.expressState(subject);
    express.heldEvents(subject);
  },
  markOpen: lease.markOpen,
  releaseLease: lease.releaseLease,
  getRecords: records.getRecords,
  claim: records.claim,
  markCreated: (subject) => {
    records.markCreated(subject);
    ownership.markCreatedWithOwner(subject);
  },
  renewClaim: ownership.renewClaim,
  recordClaimFailure: ownership.recordClaimFailure,
  markEnded: records.markEnded,
  markGone: records.markGone,
  listOpen: sweep.listOpen,
  listDue: sweepIndex.listDue,
  releaseAfterFailure: sweepIndex.releaseAfterFailure,
  trackedAmong: sweepIndex.trackedAmong,
  expireExecution: sweep.expireExecution,
  getMeta: executionRows.getMeta,
  listRecords: executionRows.listRecords,
  countExpressExecution: express.countExpressExecution,
};

/**
 * describeTrackingStoreContract registers the whole contract for one implementation; every
 * case gets a fresh, empty store from `harness.fresh()`.
 * @example describeTrackingStoreContract('InMemoryTrackingStore', inMemoryHarness());
 */
export function describeTrackingStoreContract(implementation: string, harness: StoreHarness): void {
  describe(`TrackingStore contract: ${implementation}`, () => {
    let current: ContractSubject | undefined;
    const subject = (): ContractSubject => {
      if (current === undefined) throw new Error('The contract subject is made before each case.');
      return current;
    };
    beforeAll(() => harness.start());
    afterAll(() => harness.stop());
    beforeEach(async () => {
      current = await harness.fresh();
    });
    for (const [method, cases] of Object.entries(CASES)) describe(`Method: ${method}`, () => cases(subject));
  });
}
