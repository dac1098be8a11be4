/**
 * Opaque `nextToken`s. A token carries where the next page starts and a fingerprint of the
 * request's other arguments, signed with a per-stub secret: a token passed with different
 * arguments, to another operation, or altered in any way is refused with InvalidToken, as AWS
 * refuses it ("keep every other argument unchanged when passing nextToken").
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

/** PageTokens issues and checks the tokens of one stub instance. @internal */
export interface PageTokens {
  /** issue returns a token that resumes after `position` for exactly these arguments. */
  issue(operation: string, args: unknown, position: unknown): string;
  /** check returns the position of a valid token, or undefined when the token is not valid for these arguments. */
  check(operation: string, args: unknown, token: string): unknown;
}

/** createPageTokens makes a token issuer with a fresh secret. @internal */
export function createPageTokens(): PageTokens {
  const secret = randomBytes(32);
  const sign = (payload: string): string => createHmac('sha256', secret).update(payload).digest('base64url');
  const fingerprint = (operation: string, args: unknown): string =>
    createHash('sha256').update(`${operation}\n${JSON.stringify(args)}`).digest('base64url').slice(0, 22);
  return {
    issue(operation, args, position) {
      const payload = Buffer.from(JSON.stringify({ f: fingerprint(operation, args), p: position })).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    check(operation, args, token) {
      const [payload, signature, extra] = token.split('.');
      if (payload === undefined || signature === undefined || extra !== undefined || sign(payload) !== signature) return undefined;
      try {
        const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { f?: unknown; p?: unknown };
        return decoded.f === fingerprint(operation, args) ? decoded.p : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
