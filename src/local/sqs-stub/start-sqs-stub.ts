/**
 * startSqsStub runs the SQS stub: an HTTP server on loopback that answers the real
 * `@aws-sdk/client-sqs` for the operations a dead-letter queue needs (create and find a queue,
 * send, receive with visibility timeouts and short long polls, delete, change visibility,
 * purge, the message counts). Queue URLs point at the stub itself
 * (`http://127.0.0.1:<port>/<account>/<name>`), so a client given only a queue URL reaches it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestHandler } from './http-handler.js';
import type { OperationContext } from './operations.js';
import { Queue, SETTING_RANGES } from './queue.js';
import type { QueueSettings } from './queue.js';
import type { SqsStub, SqsStubOptions } from './types.js';
import { SqsErrors } from './wire.js';

/** Queue names SQS accepts: 1–80 of letters, digits, `-` and `_` (`.fifo` queues are not modelled). */
const QUEUE_NAME = /^[\w-]{1,80}$/;

/**
 * startSqsStub starts the stub on `host` (default 127.0.0.1) and `port` (default 0: ephemeral).
 *
 * @example
 * const stub = await startSqsStub();
 * const queueUrl = stub.createQueue('my-dlq');
 * const client = new SQSClient({ endpoint: stub.url, region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 */
export async function startSqsStub(options: SqsStubOptions = {}): Promise<SqsStub> {
  const now = options.now ?? Date.now;
  const accountId = options.accountId ?? '000000000000';
  const region = options.region ?? 'eu-west-1';
  const host = options.host ?? '127.0.0.1';
  const queues = new Map<string, Queue>();
  const shutdown = new AbortController();
  const calls: Record<string, number> = {};
  let url = '';

  const createQueue = (name: string, attributes: Readonly<Record<string, string>>): Queue => {
    if (!QUEUE_NAME.test(name)) {
      throw SqsErrors.invalidParameterValue('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    }
    const settings = queueSettings(attributes);
    const existing = queues.get(name);
    if (existing !== undefined) {
      const differs = (Object.keys(attributes) as Array<keyof QueueSettings>).some((key) => existing.settings[key] !== settings[key]);
      if (differs) throw SqsErrors.queueNameExists(`A queue already exists with the same name and a different value for attribute(s) ${Object.keys(attributes).join(', ')}.`);
      return existing;
    }
    const queue = new Queue(name, `${url}/${accountId}/${name}`, `arn:aws:sqs:${region}:${accountId}:${name}`, settings, now);
    queues.set(name, queue);
    return queue;
  };
  const context: OperationContext = {
    queueAt(queueUrl) {
      // SQS accepts the URL in either of its host forms; the account and the name decide.
      const [account, name] = queueUrl.replace(/^[a-z]+:\/\/[^/]+\//, '').split('/');
      const queue = account === accountId && name !== undefined ? queues.get(name) : undefined;
      if (queue === undefined) throw SqsErrors.queueDoesNotExist('The specified queue does not exist.');
      return queue;
    },
    queueNamed: (name) => queues.get(name),
    createQueue,
    shutdown: shutdown.signal,
  };

  const server = createServer(createRequestHandler(context, calls));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    createQueue: (name, attributes = {}) => createQueue(name, attributes).url,
    messages: (queueUrl) => context.queueAt(queueUrl).snapshot(),
    stats: () => ({ calls: { ...calls } }),
    async stop() {
      shutdown.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Long polls answer on the abort above; give them a moment to be written before closing the rest.
      setTimeout(() => server.closeAllConnections(), 50).unref();
      await closed;
    },
  };
}

/** queueSettings reads CreateQueue's Attributes into settings, refusing unknown names and values out of range. */
function queueSettings(attributes: Readonly<Record<string, string>>): QueueSettings {
  for (const name of Object.keys(attributes)) {
    if (!(name in SETTING_RANGES)) throw SqsErrors.invalidAttributeName(`Unknown Attribute ${name}.`);
  }
  const settings = {} as QueueSettings;
  for (const [name, range] of Object.entries(SETTING_RANGES) as Array<[keyof QueueSettings, (typeof SETTING_RANGES)[keyof QueueSettings]]>) {
    const raw = attributes[name];
    const value = raw === undefined ? range.fallback : Number(raw);
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      throw SqsErrors.invalidParameterValue(`Invalid value for the parameter ${name}: must be a whole number from ${range.min} to ${range.max}.`);
    }
    settings[name] = value;
  }
  return settings;
}
