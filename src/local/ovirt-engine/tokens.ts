/**
 * SSO tokens and the engine sessions tied to them (docs/ovirt-engine-behaviour.md#token-lifetime): the first API request with a token
 * opens a session; a session idle longer than `sessionIdleMinutes` makes the engine revoke
 * the token. Independently the SSO drops tokens unused for 100 hours. Both are evaluated
 * lazily against the injected clock when a token is presented.
 */
import { randomBytes } from 'node:crypto';

/** SSO_TOKEN_TIMEOUT_MS is the SSO's own idle limit (SSO_TOKEN_TIMEOUT = 360000 s). */
const SSO_TOKEN_TIMEOUT_MS = 360_000 * 1000;

/** TokenRecord is one issued token. */
export interface TokenRecord {
  readonly userName: string;
  readonly scopes: ReadonlySet<string>;
  lastUsed: number;
  sessionOpen: boolean;
}

/** TokenStore issues, validates and revokes access tokens. */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly idleMs: number;

  constructor(sessionIdleMinutes: number) {
    this.idleMs = sessionIdleMinutes * 60_000;
  }

  /** issue returns a new token: 64 random bytes as URL-safe base64 without padding (86 characters). */
  issue(userName: string, scopes: ReadonlySet<string>, now: number): string {
    const token = randomBytes(64).toString('base64url');
    this.tokens.set(token, { userName, scopes, lastUsed: now, sessionOpen: false });
    return token;
  }

  /**
   * use validates a token for an API request at `now`, revoking it when its session idled
   * out, and records the activity. Undefined means unknown, expired or revoked. `idleMs`
   * replaces the engine's idle limit when the request comes through a servlet session that
   * set its own (`Session-TTL`).
   */
  use(token: string, now: number, idleMs = this.idleMs): TokenRecord | undefined {
    const record = this.tokens.get(token);
    if (record === undefined) return undefined;
    const idle = now - record.lastUsed;
    if ((record.sessionOpen && idle > idleMs) || idle > SSO_TOKEN_TIMEOUT_MS) {
      this.tokens.delete(token);
      return undefined;
    }
    record.lastUsed = now;
    record.sessionOpen = true;
    return record;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  revokeAll(): void {
    this.tokens.clear();
  }
}
