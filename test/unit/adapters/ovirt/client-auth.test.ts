import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLIENT_VERSION } from '../../../../src/adapters/ovirt/version.js';
import { isOvirtAuthError, isOvirtHttpError, isRetryable } from '../../../../src/errors.js';
import { fakeEngine, isLogin, PASSWORD, tokenReply, unauthorized, type Recorded } from './fake-engine.js';

const JOB = { id: 'j-1', description: 'd', status: 'started', auto_cleared: 'false', external: 'true', start_time: 1 };
const engines: { agent: { close(): Promise<void> } }[] = [];
const track = <T extends { agent: { close(): Promise<void> } }>(engine: T): T => (engines.push(engine), engine);

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.agent.close()));
});

/** An engine that accepts exactly the tokens in `valid` and logs in as tok-1, tok-2, … */
function engineWithTokens(valid: Set<string>) {
  let issued = 0;
  return track(fakeEngine((request) => {
    if (isLogin(request)) {
      issued += 1;
      valid.add(`tok-${issued}`);
      return tokenReply(`tok-${issued}`);
    }
    if (request.path === '/ovirt-engine/services/sso-logout') return { status: 200, json: {} };
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    return valid.has(token) ? { status: 200, json: JOB } : unauthorized;
  }));
}

describe('SSO login', () => {
  it('sends the password grant with Content-Type and Accept: application/json and nothing else', async () => {
    // Prepare
    const engine = engineWithTokens(new Set());
    const client = engine.client();

    // Act
    await client.getJob('j-1');

    // Assess
    const login = engine.logins()[0] as Recorded;
    expect(login.method).toBe('POST');
    expect(login.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
    expect(Object.fromEntries(new URLSearchParams(login.body))).toEqual({
      grant_type: 'password', scope: 'ovirt-app-api', username: 'admin@internal', password: PASSWORD,
    });
  });

  it('sends Version 4, JSON accept, the User-Agent, extra headers and the bearer token on API calls, and never Filter', async () => {
    // Prepare
    const engine = engineWithTokens(new Set());
    const client = engine.client({ headers: { 'Accept-Language': 'en' } });

    // Act
    await client.getJob('j-1');

    // Assess
    const call = engine.apiCalls()[0] as Recorded;
    expect(call.headers).toEqual({
      'Accept-Language': 'en', version: '4', accept: 'application/json',
      'user-agent': `ovirt-pipeline-jobs/${CLIENT_VERSION}`, authorization: 'Bearer tok-1',
    });
  });

  it('caches the token for the life of the client', async () => {
    // Prepare
    const engine = engineWithTokens(new Set());
    const client = engine.client();

    // Act
    await client.getJob('j-1');
    await client.getJob('j-1');
    await client.listSteps('j-1').catch(() => undefined);

    // Assess
    expect(engine.logins()).toHaveLength(1);
  });

  it('shares one in-flight login between concurrent calls', async () => {
    // Prepare
    const engine = engineWithTokens(new Set());
    const client = engine.client();

    // Act
    await Promise.all([client.getJob('j-1'), client.getJob('j-1'), client.getJob('j-1'), client.getJob('j-1')]);

    // Assess
    expect(engine.logins()).toHaveLength(1);
    expect(engine.apiCalls()).toHaveLength(4);
  });

  it('logs in again once after a 401 and repeats the request once', async () => {
    // Prepare
    const valid = new Set<string>();
    const engine = engineWithTokens(valid);
    const client = engine.client();
    await client.getJob('j-1');
    valid.clear();

    // Act
    const job = await client.getJob('j-1');

    // Assess
    expect(job?.id).toBe('j-1');
    expect(engine.logins()).toHaveLength(2);
    expect(engine.apiCalls().map((c) => c.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('re-sends an add after a 401 (the auth filter answered, nothing was applied) but not twice', async () => {
    // Prepare
    const valid = new Set<string>(['fixed-old']);
    const engine = engineWithTokens(valid);
    const client = engine.client({ token: 'stale' });

    // Act
    const job = await client.addJob({ description: 'd', autoCleared: false });

    // Assess
    expect(job.id).toBe('j-1');
    expect(engine.apiCalls().map((c) => [c.method, c.headers.authorization])).toEqual([['POST', 'Bearer stale'], ['POST', 'Bearer tok-1']]);
  });

  it('reports a refused fresh token as a scope or permission problem, without looping', async () => {
    // Prepare
    const engine = track(fakeEngine((request) => (isLogin(request) ? tokenReply('fresh') : unauthorized)));
    const client = engine.client();

    // Act
    const outcome = client.getJob('j-1');

    // Assess
    await expect(outcome).rejects.toSatisfy(isOvirtAuthError);
    await expect(outcome).rejects.toThrow(/freshly issued token.*ovirt-app-api scope/);
    expect(engine.logins()).toHaveLength(2);
    expect(engine.apiCalls()).toHaveLength(2);
  });

  it('with a fixed token and no credentials, reports a 401 as an invalid or expired token', async () => {
    // Prepare
    const engine = track(fakeEngine(() => unauthorized));
    const client = engine.client({ username: undefined, password: undefined, token: 'expired-token-value' });

    // Act
    const outcome = client.getJob('j-1');

    // Assess
    await expect(outcome).rejects.toThrow(/refused the token .*invalid, revoked or expired.*OVIRT_TOKEN/);
    await expect(outcome).rejects.not.toThrow(/expired-token-value/);
    expect(engine.logins()).toHaveLength(0);
    expect(engine.apiCalls()).toHaveLength(1);
  });
});

describe('SSO refusals', () => {
  it.each([
    ['API-scope shape (error_code, error)', { error_code: 'access_denied', error: "Cannot authenticate user 'admin@internal': The username or password is incorrect.." }],
    ['OAuth shape (error, error_description)', { error: 'access_denied', error_description: "Cannot authenticate user 'admin@internal': The username or password is incorrect.." }],
  ])('turns the %s into an OvirtAuthError that says what the engine said and what to check', async (_label, json) => {
    // Prepare
    const engine = track(fakeEngine(() => ({ status: 400, json })));
    const client = engine.client();

    // Act
    const error: unknown = await client.getJob('j-1').catch((e: unknown) => e);

    // Assess
    expect(isOvirtAuthError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    const message = (error as Error).message;
    expect(message).toContain('The username or password is incorrect');
    expect(message).toContain('(access_denied)');
    expect(message).toMatch(/user@profile.*password/);
    expect(message).not.toContain(PASSWORD);
    expect(error).toMatchObject({ status: 400, code: 'access_denied' });
  });

  it('takes the first element of an array answer, as older engines sent', async () => {
    // Prepare
    const engine = track(fakeEngine((request) => (isLogin(request) ? { status: 200, json: [{ access_token: 'arr-token' }] } : { status: 200, json: JOB })));
    const client = engine.client();

    // Act
    await client.getJob('j-1');

    // Assess
    expect(engine.apiCalls()[0]?.headers.authorization).toBe('Bearer arr-token');
  });

  it('scrubs the password should the engine ever echo it', async () => {
    // Prepare
    const engine = track(fakeEngine(() => ({ status: 400, json: { error_code: 'invalid_grant', error: `bad grant for ${PASSWORD}` } })));
    const client = engine.client();

    // Act
    const outcome = client.getJob('j-1');

    // Assess
    await expect(outcome).rejects.toThrow(/bad grant for \*\*\*/);
  });

  it('reports an SSO server failure as a retryable OvirtHttpError', async () => {
    // Prepare
    const engine = track(fakeEngine(() => ({ status: 503, text: 'busy', contentType: 'text/plain' })));
    const client = engine.client({ retries: 0 });

    // Act
    const error: unknown = await client.getJob('j-1').catch((e: unknown) => e);

    // Assess
    expect(isOvirtHttpError(error)).toBe(true);
    expect(isRetryable(error)).toBe(true);
  });

  it('says the url is probably wrong when the SSO answers something that is no token', async () => {
    // Prepare
    const engine = track(fakeEngine(() => ({ status: 200, text: '<html>portal</html>', contentType: 'text/html' })));
    const client = engine.client();

    // Act
    const outcome = client.getJob('j-1');

    // Assess
    await expect(outcome).rejects.toThrow(/gave no token \(HTTP 200, an HTML page \(text\/html\)\).*url points at the oVirt engine/);
  });
});

describe('Method: logout', () => {
  it('revokes the current token with scope and token in a form body, then logs in afresh', async () => {
    // Prepare
    const engine = engineWithTokens(new Set());
    const client = engine.client();
    await client.getJob('j-1');
    const route = (r: Recorded) => r.path === '/ovirt-engine/services/sso-logout';

    // Act
    await client.logout();
    await client.getJob('j-1');

    // Assess
    const logout = engine.calls.find(route) as Recorded;
    expect(logout.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
    expect(Object.fromEntries(new URLSearchParams(logout.body))).toEqual({ scope: 'ovirt-app-api', token: 'tok-1' });
    expect(engine.logins()).toHaveLength(2);
  });

  it('does nothing before the first login', async () => {
    // Prepare
    const engine = engineWithTokens(new Set());
    const client = engine.client();

    // Act
    await client.logout();

    // Assess
    expect(engine.calls).toHaveLength(0);
  });

  it('reports a failure the SSO put inside its 200 body', async () => {
    // Prepare
    const engine = track(fakeEngine((request) =>
      request.path.endsWith('sso-logout') ? { status: 200, json: { error_code: 'server_error', error: 'Session not found' } } : { status: 200, json: JOB }));
    const client = engine.client({ username: undefined, password: undefined, token: 'tok-x' });

    // Act
    const outcome = client.logout();

    // Assess
    await expect(outcome).rejects.toThrow(/could not log the token out: Session not found \(server_error\)/);
  });
});

describe('Logging', () => {
  it('never writes a token or the password to the logger, even at debug level', async () => {
    // Prepare
    const lines: unknown[] = [];
    const logger = { warn: vi.fn((...args: unknown[]) => lines.push(args)), debug: vi.fn((...args: unknown[]) => lines.push(args)) };
    const valid = new Set<string>();
    const engine = engineWithTokens(valid);
    const client = engine.client({ logger });
    await client.getJob('j-1');
    valid.clear();

    // Act
    await client.getJob('j-1');
    await client.logout();

    // Assess
    const text = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(3);
    expect(text).not.toMatch(/tok-\d|S3cret|Bearer/);
    expect(logger.debug).toHaveBeenCalledWith('oVirt request', expect.objectContaining({ method: 'GET', status: 200 }));
  });
});
