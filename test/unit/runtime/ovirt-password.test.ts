/**
 * The oVirt password middleware reading SSM Parameter Store and Secrets Manager through
 * Powertools Parameters and the real AWS SDK clients, against a local stand-in of both APIs:
 * the value reaches the handler, is read once per 5 minutes (a rotated password is in use at
 * most 5 minutes later), failures say which secret and what to check, and the value never
 * appears in an error.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SecretRef } from '../../../src/config/index.js';
import { isConfigError } from '../../../src/errors.js';
import { OVIRT_PASSWORD_KEY, ovirtPassword } from '../../../src/middleware/ovirt-password.js';
import { createPasswordSource } from '../../../src/runtime/password-secret.js';

type Call = { target: string; body: Record<string, unknown> };

/** SecretStore answers GetParameter and GetSecretValue (AWS JSON 1.1) from in-memory values and records each call. */
class SecretStore {
  readonly parameters = new Map<string, string>();
  readonly secrets = new Map<string, string>();
  readonly calls: Call[] = [];
  denied = false;
  private server: Server | undefined;

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      void readJson(req).then((body) => {
        const target = String(req.headers['x-amz-target']);
        this.calls.push({ target, body });
        const [status, answer] = this.answer(target, body);
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(answer));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(target: string, body: Record<string, unknown>): [number, unknown] {
    if (this.denied) return [400, { __type: 'AccessDeniedException', message: 'User is not authorized to perform this operation' }];
    if (target === 'AmazonSSM.GetParameter') {
      const value = this.parameters.get(String(body.Name));
      if (value === undefined) return [400, { __type: 'ParameterNotFound', message: '' }];
      return [200, { Parameter: { Name: body.Name, Type: 'SecureString', Value: value, Version: 1 } }];
    }
    if (target === 'secretsmanager.GetSecretValue') {
      const value = this.secrets.get(String(body.SecretId));
      if (value === undefined) return [400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }];
      return [200, { Name: body.SecretId, SecretString: value }];
    }
    return [400, { __type: 'UnknownOperationException', message: target }];
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

const context = () => ({ awsRequestId: 'r', getRemainingTimeInMillis: () => 60_000 }) as unknown as Context;
const SSM_REF: SecretRef = { service: 'ssm', id: '/ovirt/pipelines/password' };
const SM_REF: SecretRef = { service: 'secretsmanager', id: 'ovirt-password' };

describe('ovirtPassword middleware over Powertools Parameters', () => {
  const store = new SecretStore();
  let endpoint: string;

  /** handlerFor returns a handler answering the password the middleware gave it (a fresh source: empty cache). */
  const handlerFor = (secret: SecretRef | undefined) => {
    const read = createPasswordSource({ region: 'eu-west-1', clientConfig: { endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } } });
    return middy((_event: unknown, ctx: Context) => Promise.resolve((ctx as Context & { [OVIRT_PASSWORD_KEY]?: string })[OVIRT_PASSWORD_KEY] ?? null)).use(
      ovirtPassword({ secret, read }),
    );
  };

  beforeAll(async () => {
    endpoint = await store.start();
  });
  afterAll(() => store.stop());
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-04T12:00:00Z'));
    store.calls.length = 0;
    store.parameters.clear();
    store.secrets.clear();
    store.denied = false;
  });
  afterEach(() => vi.useRealTimers());

  it('hands the handler an SSM SecureString, asking for it decrypted', async () => {
    // Prepare
    store.parameters.set('/ovirt/pipelines/password', 'ssm-pass-1');

    // Act
    const password = await handlerFor(SSM_REF)({}, context());

    // Assess
    expect(password).toBe('ssm-pass-1');
    expect(store.calls).toEqual([{ target: 'AmazonSSM.GetParameter', body: { Name: '/ovirt/pipelines/password', WithDecryption: true } }]);
  });

  it.each([
    ['a plain string', 'sm-pass-1', 'sm-pass-1'],
    ['JSON with a password field', JSON.stringify({ username: 'pipelines@internal', password: 'sm-pass-2' }), 'sm-pass-2'],
    ['a string that only starts with a brace', '{not-json', '{not-json'],
  ])('hands the handler a Secrets Manager secret stored as %s', async (_name, stored, expected) => {
    // Prepare
    store.secrets.set('ovirt-password', stored);

    // Act
    const password = await handlerFor(SM_REF)({}, context());

    // Assess
    expect(password).toBe(expected);
    expect(store.calls.map((c) => c.target)).toEqual(['secretsmanager.GetSecretValue']);
  });

  it('reads nothing when no secret is configured', async () => {
    // Act
    const password = await handlerFor(undefined)({}, context());

    // Assess
    expect(password).toBeNull();
    expect(store.calls).toEqual([]);
  });

  it('reads the secret once for invocations within 5 minutes, then again: a rotated password is picked up', async () => {
    // Prepare
    store.parameters.set('/ovirt/pipelines/password', 'before-rotation');
    const handler = handlerFor(SSM_REF);
    const seen = [await handler({}, context())];
    store.parameters.set('/ovirt/pipelines/password', 'after-rotation');

    // Act
    vi.setSystemTime(new Date('2026-12-04T12:04:59Z'));
    seen.push(await handler({}, context()));
    vi.setSystemTime(new Date('2026-12-04T12:05:01Z'));
    seen.push(await handler({}, context()));
    seen.push(await handler({}, context()));

    // Assess
    expect(seen).toEqual(['before-rotation', 'before-rotation', 'after-rotation', 'after-rotation']);
    expect(store.calls).toHaveLength(2);
  });

  it.each([
    ['a missing SSM parameter', SSM_REF, 'could not read ssm secret "/ovirt/pipelines/password" (ParameterNotFound'],
    ['a missing Secrets Manager secret', SM_REF, 'could not read secretsmanager secret "ovirt-password" (ResourceNotFoundException'],
  ])('fails the invocation on %s with a configuration error naming the secret and what to check', async (_name, ref, message) => {
    // Act
    const error = await handlerFor(ref)({}, context()).then(
      () => undefined,
      (e: unknown) => e,
    );

    // Assess
    expect(isConfigError(error)).toBe(true);
    expect((error as Error).message).toContain('OVIRT_PASSWORD_SECRET');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).toContain('Check that it exists in this region and that the function role may read (and decrypt) it.');
  });

  it('fails when the role may not read the secret, and does not go on with a password past its 5 minutes', async () => {
    // Prepare
    store.parameters.set('/ovirt/pipelines/password', 'old-pass');
    const handler = handlerFor(SSM_REF);
    await handler({}, context());
    store.denied = true;

    // Act
    vi.setSystemTime(new Date('2026-12-04T12:05:01Z'));
    const error = await handler({}, context()).then(
      () => undefined,
      (e: unknown) => e as Error,
    );

    // Assess
    expect(error?.message).toContain('(AccessDeniedException: User is not authorized to perform this operation)');
    expect(error?.message).not.toContain('old-pass');
  });

  it('fails on a JSON secret without a password field, without showing the secret', async () => {
    // Prepare
    store.secrets.set('ovirt-password', JSON.stringify({ pass: 'hunter2-value' }));

    // Act
    const error = await handlerFor(SM_REF)({}, context()).then(
      () => undefined,
      (e: unknown) => e as Error,
    );

    // Assess
    expect(isConfigError(error)).toBe(true);
    expect(error?.message).toContain('secretsmanager secret "ovirt-password" holds no password');
    expect(error?.message).toContain('"password" field');
    expect(error?.message).not.toContain('hunter2-value');
  });
});
