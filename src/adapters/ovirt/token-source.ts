/**
 * Where API tokens come from. The token is cached for the life of the client (a warm Lambda
 * keeps it), concurrent callers share one in-flight login, and after a 401 the rejected token
 * is replaced once. The engine's `exp` is not trusted (docs/ovirt-engine-behaviour.md#token-lifetime): tokens die when the
 * engine session idles out, and the only reliable signal is the 401.
 *
 * ```
 * call A ─ get ──┐                         ┌─ token ─ request
 * call B ─ get ──┼─ one login (in flight) ─┤
 * call C ─ get ──┘                         └─ token ─ request
 * ```
 */
import { OvirtAuthError } from '../../errors.js';
import { abortReason, raceSignal } from './abort.js';

/** TokenSource hands out the current API token. */
export interface TokenSource {
  /** get resolves to the cached token, or logs in (sharing a login already under way). */
  get(signal?: AbortSignal): Promise<string>;
  /**
   * renew replaces a token the engine rejected. Resolves to a newer token (someone else's
   * fresh login, or a new one), or undefined when there are no credentials to log in with.
   */
  renew(rejected: string, signal?: AbortSignal): Promise<string | undefined>;
  /** current is the cached token, if any, without logging in. */
  current(): string | undefined;
  /** forget drops the cached token (after a logout). */
  forget(): void;
}

/**
 * createTokenSource starts from `token` (a ready OVIRT_TOKEN) if given, and uses `login`
 * when it needs a token and has one. A caller's abort stops its own wait, never the shared
 * login, which other callers may be waiting on.
 */
export function createTokenSource(init: {
  readonly token?: string | undefined;
  readonly login?: (() => Promise<string>) | undefined;
}): TokenSource {
  let cached = init.token;
  let inFlight: Promise<string> | undefined;
  const login = init.login;

  const sharedLogin = (run: () => Promise<string>): Promise<string> => {
    inFlight ??= run()
      .then((token) => (cached = token))
      .finally(() => (inFlight = undefined));
    return inFlight;
  };

  return {
    get(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (cached !== undefined) return Promise.resolve(cached);
      if (!login) return Promise.reject(
          new OvirtAuthError('The oVirt client has no token (it was logged out) and no credentials to log in with; create a new client.'),
        );
      return raceSignal(sharedLogin(login), signal);
    },
    renew(rejected, signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (!login) return Promise.resolve(undefined);
      if (cached !== undefined && cached !== rejected) return Promise.resolve(cached);
      if (cached === rejected) cached = undefined;
      return raceSignal(sharedLogin(login), signal);
    },
    current: () => cached,
    forget() {
      cached = undefined;
    },
  };
}
