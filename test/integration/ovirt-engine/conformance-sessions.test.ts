/**
 * Persistent-auth session conformance (docs/ovirt-engine-behaviour.md §4.3, §4.4): the JSESSIONID cookie set on
 * `Prefer: persistent-auth`, the cookie in place of `Authorization`, invalidation by a
 * request without `persistent-auth` and by `Prefer: new-auth`, `Session-TTL` and the default
 * idle time on the fake clock, Basic logins that leave no session, sessions that die with
 * their token, and Bearer clients that see no change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { DEFAULT_PASSWORD, FakeClock, login, startSim } from './support.js';

const OTHER_USER = { name: 'other@internal', password: 'other-password' };
const COOKIE_FORMAT = /^JSESSIONID=([A-Za-z0-9_-]+); Path=\/ovirt-engine\/api$/;

/** Answer is what the tests read from one API response. */
interface Answer {
  status: number;
  setCookie: string | null;
  /** The session id the response set, if any. */
  session: string | undefined;
  text: string;
}

/** basic encodes Basic credentials. */
function basic(name: string, password: string): string {
  return `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
}

/** bearer builds a Bearer Authorization value. */
function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** api sends a request below the API prefix with exactly the given headers. */
async function api(sim: OvirtEngineSimulator, headers: Record<string, string>, method = 'GET', path = '/jobs', body?: string): Promise<Answer> {
  const all = body === undefined ? headers : { ...headers, 'content-type': 'application/xml' };
  const response = await fetch(`${sim.apiUrl}${path}`, { method, headers: all, body });
  const setCookie = response.headers.get('set-cookie');
  return { status: response.status, setCookie, session: COOKIE_FORMAT.exec(setCookie ?? '')?.[1], text: await response.text() };
}

/** withSession sends the session cookie together with `Prefer: persistent-auth`. */
function withSession(session: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return { prefer: 'persistent-auth', cookie: `JSESSIONID=${session ?? ''}`, ...extra };
}

/** ownerOfNewJob adds a job with the given headers and returns its owner id from the XML. */
async function ownerOfNewJob(sim: OvirtEngineSimulator, headers: Record<string, string>): Promise<string | undefined> {
  const answer = await api(sim, headers, 'POST', '/jobs', '<job><description>session job</description></job>');
  expect(answer.status).toBe(201);
  return /<owner[^>]* id="([^"]+)"/.exec(answer.text)?.[1];
}

describe('Persistent-auth sessions', () => {
  let sim: OvirtEngineSimulator;
  beforeAll(async () => {
    sim = await startSim({ users: [{ name: 'admin@internal', password: DEFAULT_PASSWORD }, OTHER_USER] });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('sets JSESSIONID with Path=/ovirt-engine/api on Prefer: persistent-auth, for Bearer and for Basic', async () => {
    // Prepare
    const token = await login(sim);
    // Act
    const viaBearer = await api(sim, { authorization: bearer(token), prefer: 'persistent-auth' });
    const viaBasic = await api(sim, { authorization: basic(OTHER_USER.name, OTHER_USER.password), prefer: 'Persistent-Auth' });
    // Assess
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.setCookie).toMatch(COOKIE_FORMAT);
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.setCookie).toMatch(COOKIE_FORMAT);
    expect(viaBasic.session).not.toBe(viaBearer.session);
  });

  it('authenticates the cookie with persistent-auth and no Authorization as the session user, without a new cookie', async () => {
    // Prepare
    const created = await api(sim, { authorization: basic(OTHER_USER.name, OTHER_USER.password), prefer: 'persistent-auth' });
    const directOwner = await ownerOfNewJob(sim, { authorization: bearer(await login(sim, OTHER_USER.name, OTHER_USER.password)) });
    const adminOwner = await ownerOfNewJob(sim, { authorization: bearer(await login(sim)) });
    // Act
    const read = await api(sim, withSession(created.session));
    const sessionOwner = await ownerOfNewJob(sim, withSession(created.session));
    // Assess
    expect(read.status).toBe(200);
    expect(read.setCookie).toBeNull();
    expect(sessionOwner).toBe(directOwner);
    expect(sessionOwner).not.toBe(adminOwner);
  });

  it('answers a cookie without persistent-auth with 401 and invalidates the session', async () => {
    // Prepare
    const created = await api(sim, { authorization: bearer(await login(sim)), prefer: 'persistent-auth' });
    // Act
    const without = await api(sim, { cookie: `JSESSIONID=${created.session ?? ''}` });
    const after = await api(sim, withSession(created.session));
    // Assess
    expect(without.status).toBe(401);
    expect(after.status).toBe(401);
  });

  it('invalidates the session of a request without persistent-auth even when its Bearer token authenticates it', async () => {
    // Prepare
    const token = await login(sim);
    const created = await api(sim, { authorization: bearer(token), prefer: 'persistent-auth' });
    // Act
    const plain = await api(sim, { authorization: bearer(token), cookie: `JSESSIONID=${created.session ?? ''}` });
    const after = await api(sim, withSession(created.session));
    // Assess
    expect([plain.status, plain.setCookie]).toEqual([200, null]);
    expect(after.status).toBe(401);
  });

  it('Prefer: new-auth discards the session; with persistent-auth and credentials a new one replaces it', async () => {
    // Prepare
    const token = await login(sim);
    const first = await api(sim, { authorization: bearer(token), prefer: 'persistent-auth' });
    const second = await api(sim, { authorization: bearer(token), prefer: 'persistent-auth' });
    // Act
    const renewed = await api(sim, withSession(first.session, { authorization: bearer(token), prefer: 'persistent-auth, new-auth' }));
    const newAuthOnly = await api(sim, withSession(second.session, { prefer: 'persistent-auth, new-auth' }));
    // Assess
    expect(renewed.status).toBe(200);
    expect(renewed.session).toBeDefined();
    expect(renewed.session).not.toBe(first.session);
    expect((await api(sim, withSession(first.session))).status).toBe(401);
    expect((await api(sim, withSession(renewed.session))).status).toBe(200);
    expect(newAuthOnly.status).toBe(401);
    expect((await api(sim, withSession(second.session))).status).toBe(401);
  });

  it('prefers a live session over the Authorization header sent with it', async () => {
    // Prepare
    const created = await api(sim, { authorization: bearer(await login(sim)), prefer: 'persistent-auth' });
    // Act
    const answer = await api(sim, withSession(created.session, { authorization: basic('admin@internal', 'wrong') }));
    // Assess
    expect([answer.status, answer.setCookie]).toEqual([200, null]);
  });

  it('answers an unknown cookie with 401, or opens a new session when credentials come with it', async () => {
    // Prepare
    const unknown = 'not-a-session';
    // Act
    const alone = await api(sim, withSession(unknown));
    const withCredentials = await api(sim, withSession(unknown, { authorization: basic('admin@internal', DEFAULT_PASSWORD) }));
    // Assess
    expect(alone.status).toBe(401);
    expect(withCredentials.status).toBe(200);
    expect(withCredentials.session).toBeDefined();
    expect(withCredentials.session).not.toBe(unknown);
  });

  it('leaves no session after Basic without persistent-auth (§4.3)', async () => {
    // Prepare
    const headers = { authorization: basic('admin@internal', DEFAULT_PASSWORD) };
    // Act
    const read = await api(sim, headers);
    const write = await api(sim, headers, 'POST', '/jobs', '<job><description>basic</description></job>');
    const ttlOnly = await api(sim, { ...headers, 'session-ttl': '5' });
    // Assess
    expect([read.status, read.setCookie]).toEqual([200, null]);
    expect([write.status, write.setCookie]).toEqual([201, null]);
    expect([ttlOnly.status, ttlOnly.setCookie]).toEqual([200, null]);
  });

  it('leaves Bearer clients unchanged: no cookie, and the token outlives its discarded sessions', async () => {
    // Prepare
    const token = await login(sim);
    const created = await api(sim, { authorization: bearer(token), prefer: 'persistent-auth' });
    await api(sim, withSession(created.session, { prefer: 'new-auth' }));
    // Act
    const plain = await api(sim, { authorization: bearer(token) });
    const again = await api(sim, { authorization: bearer(token), 'session-ttl': '1' });
    // Assess
    expect([plain.status, plain.setCookie]).toEqual([200, null]);
    expect([again.status, again.setCookie]).toEqual([200, null]);
  });
});

describe('Session lifetime', () => {
  const clock = new FakeClock();
  let sim: OvirtEngineSimulator;
  beforeAll(async () => {
    sim = await startSim({ clock, sessionIdleMinutes: 10 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  /** openSession opens a session with Basic credentials and returns its id. */
  async function openSession(extra: Record<string, string> = {}): Promise<string | undefined> {
    const answer = await api(sim, { authorization: basic('admin@internal', DEFAULT_PASSWORD), prefer: 'persistent-auth', ...extra });
    expect(answer.status).toBe(200);
    return answer.session;
  }

  it('expires a session idle longer than its Session-TTL, counted from the last use', async () => {
    // Prepare
    const session = await openSession({ 'session-ttl': '3' });
    clock.advanceMinutes(2);
    const kept = await api(sim, withSession(session));
    clock.advanceMinutes(2.5);
    const stillKept = await api(sim, withSession(session));
    clock.advanceMinutes(3.5);
    // Act
    const expired = await api(sim, withSession(session));
    // Assess
    expect(kept.status).toBe(200);
    expect(stillKept.status).toBe(200);
    expect(expired.status).toBe(401);
  });

  it('keeps a session with a Session-TTL above the engine idle time alive past that idle time', async () => {
    // Prepare
    const session = await openSession({ 'session-ttl': '60' });
    clock.advanceMinutes(45);
    // Act
    const late = await api(sim, withSession(session));
    clock.advanceMinutes(61);
    const expired = await api(sim, withSession(session));
    // Assess
    expect(late.status).toBe(200);
    expect(expired.status).toBe(401);
  });

  it('uses sessionIdleMinutes as the idle timeout without Session-TTL (or with an unusable one)', async () => {
    // Prepare
    const plain = await openSession();
    const unusable = await openSession({ 'session-ttl': 'soon' });
    clock.advanceMinutes(9);
    const kept = [await api(sim, withSession(plain)), await api(sim, withSession(unusable))];
    clock.advanceMinutes(11);
    // Act
    const expired = [await api(sim, withSession(plain)), await api(sim, withSession(unusable))];
    // Assess
    expect(kept.map((answer) => answer.status)).toEqual([200, 200]);
    expect(expired.map((answer) => answer.status)).toEqual([401, 401]);
  });

  it('ends a Bearer session with its token: SSO logout and revokeAllTokens', async () => {
    // Prepare
    const token = await login(sim);
    const loggedOut = (await api(sim, { authorization: bearer(token), prefer: 'persistent-auth' })).session;
    const basicSession = await openSession();
    await fetch(`${sim.url}/ovirt-engine/services/sso-logout`, {
      method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: `scope=ovirt-app-api&token=${token}`,
    });
    // Act
    const afterLogout = await api(sim, withSession(loggedOut));
    const beforeRevoke = await api(sim, withSession(basicSession));
    sim.revokeAllTokens();
    const afterRevoke = await api(sim, withSession(basicSession));
    // Assess
    expect(afterLogout.status).toBe(401);
    expect(beforeRevoke.status).toBe(200);
    expect(afterRevoke.status).toBe(401);
  });

  it('drops every session on restart()', async () => {
    // Prepare
    const session = await openSession();
    const before = await api(sim, withSession(session));
    // Act
    sim.restart();
    const after = await api(sim, withSession(session));
    // Assess
    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
  });
});
