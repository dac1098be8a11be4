/**
 * SSO and authentication conformance (docs/ovirt-engine-behaviour.md §4.1–4.7, §7 items 20 and 21): token endpoint quirks,
 * logout, Bearer and Basic, the 401 HTML page, scope check, idle revocation by the clock,
 * and the Version header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { call, DEFAULT_PASSWORD, FakeClock, login, ssoToken, startSim } from './support.js';

const GOOD_FORM = { grant_type: 'password', scope: 'ovirt-app-api', username: 'admin@internal', password: DEFAULT_PASSWORD };

describe('SSO token endpoint', () => {
  let sim: OvirtEngineSimulator;
  beforeAll(async () => {
    sim = await startSim();
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('returns a flat JSON token: 86-char opaque token, sorted scope with dependencies, exp as a string (§7.20)', async () => {
    // Prepare
    const form = GOOD_FORM;
    // Act
    const { status, json, contentType } = await ssoToken(sim, form);
    // Assess
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(Object.keys(json).sort()).toEqual(['access_token', 'exp', 'scope', 'token_type']);
    expect(json.access_token).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(json.token_type).toBe('bearer');
    expect(json.exp).toBe('9223372036854775807');
    expect(json.scope).toBe('ovirt-app-api ovirt-ext=token-info:authz-search ovirt-ext=token-info:public-authz-search ovirt-ext=token-info:validate ovirt-ext=token:password-access');
  });

  it.each(['*/*', 'application/json; charset=utf-8', 'application/xml'])('rejects Accept %s with 400 invalid_request even with good credentials', async (accept) => {
    // Prepare
    const form = GOOD_FORM;
    // Act
    const { status, json } = await ssoToken(sim, form, accept);
    // Assess
    expect(status).toBe(400);
    expect(json).toEqual({ error_code: 'invalid_request', error: "Missing parameter: 'Accept Header'" });
  });

  it('answers wrong credentials with 400 access_denied and the double full stop, never 401', async () => {
    // Prepare
    const form = { ...GOOD_FORM, password: 'wrong' };
    // Act
    const { status, json } = await ssoToken(sim, form);
    // Assess
    expect(status).toBe(400);
    expect(json).toEqual({ error_code: 'access_denied', error: "Cannot authenticate user 'admin@internal': The username or password is incorrect.." });
  });

  it('uses the error/error_description shape when the scope is not the API scope alone', async () => {
    // Prepare
    const form = { ...GOOD_FORM, scope: 'ovirt-app-admin ovirt-app-api', password: 'wrong' };
    // Act
    const { status, json } = await ssoToken(sim, form);
    // Assess
    expect(status).toBe(400);
    expect(json.error).toBe('access_denied');
    expect(json.error_description).toContain('incorrect..');
  });

  it('rejects a missing grant type and a missing username', async () => {
    // Prepare
    const { grant_type: _grant, ...noGrant } = GOOD_FORM;
    const { username: _user, ...noUser } = GOOD_FORM;
    // Act
    const grant = await ssoToken(sim, noGrant);
    const user = await ssoToken(sim, noUser);
    // Assess
    expect([grant.status, grant.json.error_code]).toEqual([400, 'unsupported_grant_type']);
    expect([user.status, user.json]).toEqual([400, { error_code: 'invalid_request', error: "Missing parameter: 'username'" }]);
  });

  it('logout revokes the token: always 200, {} on success, problems inside the body', async () => {
    // Prepare
    const token = await login(sim);
    const logout = (body: string) => fetch(`${sim.url}/ovirt-engine/services/sso-logout`, {
      method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body,
    });
    // Act
    const ok = await logout(`scope=ovirt-app-api&token=${token}`);
    const missing = await logout('scope=ovirt-app-api');
    const after = await call(sim, token, 'GET', '/jobs');
    // Assess
    expect([ok.status, await ok.json()]).toEqual([200, {}]);
    expect([missing.status, ((await missing.json()) as { error_code: string }).error_code]).toEqual([200, 'invalid_request']);
    expect(after.status).toBe(401);
  });
});

describe('API authentication', () => {
  const clock = new FakeClock();
  let sim: OvirtEngineSimulator;
  beforeAll(async () => {
    sim = await startSim({ clock, sessionIdleMinutes: 30 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('answers a request without credentials with the 401 HTML page and WWW-Authenticate, no fault, no Correlation-Id', async () => {
    // Prepare
    const url = `${sim.apiUrl}/jobs`;
    // Act
    const response = await fetch(url, { headers: { 'correlation-id': 'abc' } });
    // Assess
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="RESTAPI"');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('correlation-id')).toBeNull();
    expect(await response.text()).toMatch(/^<html>.*<\/html>$/);
  });

  it('rejects an unknown token and a token without the ovirt-app-api scope with 401', async () => {
    // Prepare
    const { json } = await ssoToken(sim, { ...GOOD_FORM, scope: 'ovirt-app-portal' });
    // Act
    const unknown = await call(sim, 'x'.repeat(86), 'GET', '/jobs');
    const noScope = await call(sim, json.access_token, 'GET', '/jobs');
    // Assess
    expect(unknown.status).toBe(401);
    expect(noScope.status).toBe(401);
    expect(noScope.text).toContain('The required scope ovirt-app-api is not granted.');
  });

  it('accepts Basic credentials per request and rejects wrong ones with 401', async () => {
    // Prepare
    const basic = (secret: string) => `Basic ${Buffer.from(`admin@internal:${secret}`).toString('base64')}`;
    // Act
    const good = await fetch(`${sim.apiUrl}/jobs`, { method: 'POST', headers: { authorization: basic(DEFAULT_PASSWORD), 'content-type': 'application/xml' }, body: '<job><description>basic</description></job>' });
    const bad = await fetch(`${sim.apiUrl}/jobs`, { headers: { authorization: basic('nope') } });
    // Assess
    expect(good.status).toBe(201);
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Basic realm="RESTAPI"');
  });

  it('revokes a token whose session idled longer than sessionIdleMinutes (§7.21)', async () => {
    // Prepare
    const token = await login(sim);
    await call(sim, token, 'GET', '/jobs');
    clock.advanceMinutes(29);
    const stillAlive = await call(sim, token, 'GET', '/jobs');
    clock.advanceMinutes(31);
    // Act
    const expired = await call(sim, token, 'GET', '/jobs');
    clock.advanceMinutes(1);
    const later = await call(sim, token, 'GET', '/jobs');
    // Assess
    expect(stillAlive.status).toBe(200);
    expect(expired.status).toBe(401);
    expect(later.status).toBe(401);
  });

  it('does not idle out a token that never opened a session (only the 100-hour SSO limit applies)', async () => {
    // Prepare
    const token = await login(sim);
    clock.advanceMinutes(45);
    // Act
    const first = await call(sim, token, 'GET', '/jobs');
    // Assess
    expect(first.status).toBe(200);
  });

  it('revokeAllTokens makes every token answer 401', async () => {
    // Prepare
    const token = await login(sim);
    // Act
    sim.revokeAllTokens();
    const result = await call(sim, token, 'GET', '/jobs');
    // Assess
    expect(result.status).toBe(401);
  });

  it('accepts Version 4 or no Version; any other version is 400 with no body', async () => {
    // Prepare
    const token = await login(sim);
    // Act
    const v4 = await call(sim, token, 'GET', '/jobs', { headers: { version: '4' } });
    const v3 = await call(sim, token, 'GET', '/jobs', { headers: { version: '3' } });
    const v3Path = await call(sim, token, 'GET', '/v3/jobs');
    // Assess
    expect(v4.status).toBe(200);
    expect([v3.status, v3.text]).toEqual([400, '']);
    expect([v3Path.status, v3Path.text]).toEqual([400, '']);
  });
});
