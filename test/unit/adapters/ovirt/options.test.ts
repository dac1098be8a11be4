import { describe, expect, it } from 'vitest';
import { MockAgent } from 'undici';
import { resolveOvirtOptions, type OvirtClientOptions } from '../../../../src/adapters/ovirt/options.js';
import { isConfigError } from '../../../../src/errors.js';

const SECRET = 'pa55-w0rd-do-not-print';
const base: OvirtClientOptions = { url: 'https://engine.test', username: 'admin@internal', password: SECRET };

/** Runs `resolveOvirtOptions` and returns the ConfigError it threw (fails the test if none). */
function configErrorOf(options: unknown): Error & { variable: string } {
  try {
    resolveOvirtOptions(options as OvirtClientOptions);
  } catch (error) {
    expect(isConfigError(error)).toBe(true);
    return error as Error & { variable: string };
  }
  throw new Error('expected a ConfigError');
}

describe('Function: resolveOvirtOptions', () => {
  it('applies the documented defaults and freezes the result', () => {
    // Prepare
    const input = base;

    // Act
    const options = resolveOvirtOptions(input);

    // Assess
    expect(options).toMatchObject({
      origin: 'https://engine.test', apiPath: '/ovirt-engine/api', enginePath: '/ovirt-engine', insecure: false,
      connectTimeoutMs: 10_000, headersTimeoutMs: 30_000, bodyTimeoutMs: 30_000, timeoutMs: 30_000, maxResponseBytes: 32 * 1024 * 1024,
      connections: 8, keepAliveTimeoutMs: 4_000,
      retry: { retries: 2, baseDelayMs: 100, maxDelayMs: 400 }, headers: {},
    });
    expect(options.userAgent).toMatch(/^ovirt-pipeline-jobs\/\d+\.\d+\.\d+/);
    expect(Object.isFrozen(options)).toBe(true);
  });

  it.each([
    ['https://engine.test', 'https://engine.test', '/ovirt-engine/api', '/ovirt-engine'],
    ['https://engine.test/', 'https://engine.test', '/ovirt-engine/api', '/ovirt-engine'],
    ['https://engine.test:8443/ovirt-engine/api', 'https://engine.test:8443', '/ovirt-engine/api', '/ovirt-engine'],
    ['https://engine.test/ovirt-engine/api/', 'https://engine.test', '/ovirt-engine/api', '/ovirt-engine'],
    ['https://gw.test/prefix/ovirt-engine/api', 'https://gw.test', '/prefix/ovirt-engine/api', '/prefix/ovirt-engine'],
  ])('reads the url %s', (url, origin, apiPath, enginePath) => {
    // Prepare
    const input = { ...base, url };

    // Act
    const options = resolveOvirtOptions(input);

    // Assess
    expect([options.origin, options.apiPath, options.enginePath]).toEqual([origin, apiPath, enginePath]);
  });

  it.each([
    ['maxResponseBytes', 512],
    ['maxResponseBytes', 1.5 * 1024 * 1024 * 1024],
    ['timeoutMs', 0],
  ])('refuses %s = %d and names it', (name, value) => {
    // Prepare
    const input = { ...base, [name]: value };

    // Act
    const error = configErrorOf(input);

    // Assess
    expect(error.variable).toBe(name);
  });

  it('refuses plain http and names allowHttp', () => {
    // Prepare
    const input = { ...base, url: 'http://engine.test/ovirt-engine/api' };

    // Act
    const error = configErrorOf(input);

    // Assess
    expect(error.variable).toBe('url');
    expect(error.message).toMatch(/plain HTTP.*allowHttp: true/);
  });

  it('accepts plain http when allowHttp is set', () => {
    // Prepare
    const input = { ...base, url: 'http://127.0.0.1:8080', allowHttp: true };

    // Act
    const options = resolveOvirtOptions(input);

    // Assess
    expect(options.origin).toBe('http://127.0.0.1:8080');
  });

  it.each([
    ['an invalid url', { ...base, url: 'engine.test' }, 'url'],
    ['a url that is not the API', { ...base, url: 'https://engine.test/ovirt-engine/web-ui' }, 'url'],
    ['credentials inside the url', { ...base, url: `https://admin:${SECRET}@engine.test` }, 'url'],
    ['an unknown option', { ...base, retrys: 3 }, 'retrys'],
    ['a negative retry count', { ...base, retries: -1 }, 'retries'],
    ['a zero timeout', { ...base, headersTimeoutMs: 0 }, 'headersTimeoutMs'],
    ['a username without profile', { ...base, username: 'admin' }, 'username'],
    ['a password without username', { url: base.url, password: SECRET }, 'username'],
    ['no credentials at all', { url: base.url }, 'token'],
    ['both caFile and caPem', { ...base, caFile: '/ca.pem', caPem: 'x' }, 'caFile'],
    ['insecure with a CA', { ...base, caPem: 'x', insecure: true }, 'insecure'],
    ['a reserved header', { ...base, headers: { Filter: 'true' } }, 'headers.Filter'],
    ['an Authorization header', { ...base, headers: { authorization: `Bearer ${SECRET}` } }, 'headers.authorization'],
    ['a logger without warn', { ...base, logger: { info: () => undefined } }, 'logger'],
    ['a dispatcher that is not one', { ...base, dispatcher: {} }, 'dispatcher'],
  ])('refuses %s, naming the option and never echoing the password', (_label, input, variable) => {
    // Prepare
    const options: unknown = input;

    // Act
    const error = configErrorOf(options);

    // Assess
    expect(error.variable).toBe(variable);
    expect(error.message).not.toContain(SECRET);
  });

  it('accepts a ready token alone, or with a half-given login it cannot use', () => {
    // Prepare
    const inputs = [{ url: base.url, token: 'tok' }, { url: base.url, token: 'tok', username: 'admin@internal' }];

    // Act
    const resolved = inputs.map((input) => resolveOvirtOptions(input));

    // Assess
    expect(resolved.map((o) => [o.token, o.credentials])).toEqual([['tok', undefined], ['tok', undefined]]);
  });

  it('keeps a user name with several @ (Keycloak profiles) and allowed extra headers as given', () => {
    // Prepare
    const input = { ...base, username: 'admin@ovirt@internalsso', headers: { 'Accept-Language': 'en', 'X-Gateway': 'g1' } };

    // Act
    const options = resolveOvirtOptions(input);

    // Assess
    expect(options.credentials?.username).toBe('admin@ovirt@internalsso');
    expect(options.headers).toEqual({ 'Accept-Language': 'en', 'X-Gateway': 'g1' });
  });

  it('takes retries 0 (disabled), a custom backoff and an injected dispatcher', async () => {
    // Prepare
    const agent = new MockAgent();
    const input = { ...base, retries: 0, retryBaseDelayMs: 50, retryMaxDelayMs: 20, dispatcher: agent };

    // Act
    const options = resolveOvirtOptions(input);

    // Assess
    expect(options.retry).toEqual({ retries: 0, baseDelayMs: 50, maxDelayMs: 50 });
    expect(options.dispatcher).toBe(agent);
    await agent.close();
  });
});
