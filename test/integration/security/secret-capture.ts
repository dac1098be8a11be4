/**
 * Collects the secrets a test run really used, so that log output can be searched for them:
 * every bearer token and Basic credential the product sent to the engine, read from undici's
 * diagnostics channel (the request headers as written to the socket), plus the passwords and
 * tokens the test configured itself.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

const SEND_HEADERS = 'undici:client:sendHeaders';

/** SecretCapture holds the secrets seen so far. */
export interface SecretCapture {
  readonly secrets: Set<string>;
  stop(): void;
}

/** captureSecrets starts collecting sent credentials; `known` are added at once. */
export function captureSecrets(known: readonly string[]): SecretCapture {
  const secrets = new Set(known);
  const listener = (message: unknown): void => {
    const headers = (message as { headers?: unknown }).headers;
    const text = typeof headers === 'string' ? headers : Array.isArray(headers) ? headers.map(String).join('\n') : '';
    for (const match of text.matchAll(/authorization:\s*(?:Bearer|Basic)\s+([^\r\n]+)/gi)) if (match[1]) secrets.add(match[1].trim());
  };
  subscribe(SEND_HEADERS, listener);
  return { secrets, stop: () => unsubscribe(SEND_HEADERS, listener) };
}

/** errorTexts returns the messages and stacks of an error and of its whole cause chain. */
export function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth += 1) texts.push(e.message, e.stack ?? '');
  return texts;
}

/** leaks lists which secrets occur in `texts` (shown shortened, never in full). */
export function leaks(texts: readonly string[], secrets: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    if (secret.length < 6) continue;
    if (texts.some((text) => text.includes(secret))) found.push(`${secret.slice(0, 3)}…(${secret.length} chars)`);
  }
  return found;
}
