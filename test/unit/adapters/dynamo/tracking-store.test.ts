/**
 * Fault shapes dynalite cannot produce (throttling, 5xx, a missing table, network failures, and
 * real DynamoDB's ConditionalCheckFailed carrying the old item), through a mocked `send`.
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoTrackingStore } from '../../../../src/adapters/dynamo/tracking-store.js';
import { isTrackingConflictError, isTrackingStoreError } from '../../../../src/errors.js';
import type { ReconcilerError } from '../../../../src/errors.js';

const TABLE = 'tracking-unit';
const ARN = 'arn:aws:states:eu-west-1:123456789012:execution:pipeline:run-1';
const meta = { $metadata: {} };

function mockedStore(): { store: DynamoTrackingStore; send: ReturnType<typeof vi.fn> } {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  );
  const send = vi.fn();
  doc.send = send;
  return { store: new DynamoTrackingStore({ client: doc, tableName: TABLE }), send };
}

async function failureOf(promise: Promise<unknown>): Promise<ReconcilerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isTrackingStoreError(error) && !isTrackingConflictError(error)) throw new Error(`unexpected outcome: ${String(error)}`);
  return error;
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:8000`), { code });
}

function serviceError(name: string, status: number): Error {
  return new DynamoDBServiceException({ name, $fault: 'server', message: `${name} happened`, $metadata: { httpStatusCode: status } });
}

describe('Class: DynamoTrackingStore (mocked client)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  describe('Error classification', () => {
    it.each([
      ['ProvisionedThroughputExceededException', new ProvisionedThroughputExceededException({ message: 'slow down', ...meta })],
      ['ThrottlingException', new ThrottlingException({ message: 'rate exceeded', ...meta })],
      ['RequestLimitExceeded', new RequestLimitExceeded({ message: 'account limit', ...meta })],
      ['InternalServerError', new InternalServerError({ message: 'oops', ...meta })],
      ['503 ServiceUnavailable', serviceError('ServiceUnavailable', 503)],
      ['an unnamed 500', serviceError('SomethingNew', 500)],
      ['ECONNRESET', networkError('ECONNRESET')],
      ['ECONNREFUSED', networkError('ECONNREFUSED')],
    ])('maps %s to a retryable TrackingStoreError that chains the cause', async (_label, thrown) => {
      // Prepare
      const { store, send } = mockedStore();
      send.mockRejectedValue(thrown);

      // Act
      const error = await failureOf(store.getRecords(ARN, ['job']));

      // Assess
      expect(isTrackingStoreError(error)).toBe(true);
      expect(error.retryable).toBe(true);
      expect(error.cause).toBe(thrown);
      expect(error.message).toContain(`Tracking table "${TABLE}" could not read the rows of ${ARN}`);
      expect(error.message).toContain('will be retried');
    });

    it('maps ResourceNotFoundException to a non-retryable error that names the table and the fix', async () => {
      // Prepare
      const { store, send } = mockedStore();
      const thrown = new ResourceNotFoundException({ message: 'Requested resource not found', ...meta });
      send.mockRejectedValue(thrown);

      // Act
      const error = await failureOf(store.acquireLease(ARN, 'owner-a', 0, 1000));

      // Assess
      expect(error.retryable).toBe(false);
      expect(error.cause).toBe(thrown);
      expect(error.message).toContain(`Tracking table "${TABLE}" was not found while trying to acquire the lease of ${ARN}`);
      expect(error.message).toMatch(/Deploy the stack.*TRACKING_TABLE_NAME/);
    });

    it('maps other client errors to a non-retryable error', async () => {
      // Prepare
      const { store, send } = mockedStore();
      send.mockRejectedValue(new DynamoDBServiceException({ name: 'ValidationException', $fault: 'client', message: 'bad key', $metadata: { httpStatusCode: 400 } }));

      // Act
      const error = await failureOf(store.markGone(ARN, 'job'));

      // Assess
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('refused to mark row job');
      expect(error.message).toContain('ValidationException: bad key');
    });
  });

  describe('Method: claim', () => {
    it('builds the conflict from the item DynamoDB returns with the failed condition, without reading again', async () => {
      // Prepare
      const { store, send } = mockedStore();
      send.mockRejectedValue(
        new ConditionalCheckFailedException({
          message: 'The conditional request failed',
          ...meta,
          Item: {
            executionArn: { S: ARN },
            objectKey: { S: 'job' },
            state: { S: 'CREATED' },
            ovirtId: { S: 'ovirt-job-1' },
            leaseExpiresAt: { N: '1700000000000' },
          },
        }),
      );

      // Act
      const error = await failureOf(store.claim({ executionArn: ARN, key: 'job', state: 'PENDING', leaseOwner: 'owner-b' }, 0));

      // Assess
      expect(isTrackingConflictError(error)).toBe(true);
      expect((error as ReconcilerError & { existingRecord?: unknown }).existingRecord).toEqual({
        executionArn: ARN,
        key: 'job',
        state: 'CREATED',
        ovirtId: 'ovirt-job-1',
        leaseOwner: undefined,
        leaseExpiresAt: 1_700_000_000_000,
        description: undefined,
        parentKey: undefined,
        correlationId: undefined,
        endedAs: undefined,
      });
      expect(send).toHaveBeenCalledTimes(1);
    });

    it('passes the abort signal to the SDK call', async () => {
      // Prepare
      const { store, send } = mockedStore();
      send.mockResolvedValue({});
      const signal = new AbortController().signal;

      // Act
      await store.claim({ executionArn: ARN, key: 'job', state: 'PENDING' }, 0, signal);

      // Assess
      expect(send).toHaveBeenCalledWith(expect.anything(), { abortSignal: signal });
    });
  });

  describe('Method: acquireLease', () => {
    it('gives up with a retryable conflict when the lease keeps changing hands between its writes', async () => {
      // Prepare
      const { store, send } = mockedStore();
      send.mockRejectedValue(new ConditionalCheckFailedException({ message: 'The conditional request failed', ...meta }));

      // Act
      const error = await failureOf(store.acquireLease(ARN, 'owner-a', 0, 1000));

      // Assess
      expect(isTrackingConflictError(error)).toBe(true);
      expect(error.retryable).toBe(true);
      expect(send).toHaveBeenCalledTimes(6);
    });
  });

  describe('Method: getRecords', () => {
    it('re-requests unprocessed keys and fails retryably when they stay unprocessed', async () => {
      // Prepare
      const { store, send } = mockedStore();
      const unprocessed = { [TABLE]: { Keys: [{ executionArn: ARN, objectKey: 'job' }] } };
      send.mockResolvedValue({ Responses: { [TABLE]: [] }, UnprocessedKeys: unprocessed });

      // Act
      const error = await failureOf(store.getRecords(ARN, ['job']));

      // Assess
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('left 1 rows');
      expect(send).toHaveBeenCalledTimes(5);
    });

    it('collects rows returned after an unprocessed round', async () => {
      // Prepare
      const { store, send } = mockedStore();
      const row = { executionArn: ARN, objectKey: 'job', state: 'PENDING' };
      send
        .mockResolvedValueOnce({ Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: [{ executionArn: ARN, objectKey: 'job' }] } } })
        .mockResolvedValueOnce({ Responses: { [TABLE]: [row] } });

      // Act
      const records = await store.getRecords(ARN, ['job']);

      // Assess
      expect(records.get('job')).toMatchObject({ key: 'job', state: 'PENDING' });
    });
  });
});
