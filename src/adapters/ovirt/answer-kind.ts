/**
 * Naming what came back without repeating it. Error messages must say what answered (an HTML
 * page, an empty object), but a body may carry secrets (a login page's form tokens, a
 * gateway's session ids), so only its kind and media type ever reach a message or a log.
 */

/** AnswerBody is an answer as `send` delivers it: parsed JSON, a string for anything else, undefined when empty. */
export interface AnswerBody {
  readonly body: unknown;
  readonly contentType?: string | undefined;
}

const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]{1,40}\/[a-z0-9!#$&^_.+-]{1,60}$/;

/**
 * describeAnswer names the kind of an answer body, with its media type when it has a sane
 * one: "an HTML page (text/html)", "an empty object (application/json)", "an empty body".
 *
 * @example
 * describeAnswer({ body: '<!doctype html><form>…</form>', contentType: 'text/html; charset=utf-8' }); // 'an HTML page (text/html)'
 */
export function describeAnswer(answer: AnswerBody): string {
  const media = mediaType(answer.contentType);
  return media === undefined ? kindOf(answer) : `${kindOf(answer)} (${media})`;
}

/** @internal The kind of body, from its content and content type. */
function kindOf({ body, contentType }: AnswerBody): string {
  const type = contentType?.toLowerCase() ?? '';
  if (body === undefined || body === null) return 'an empty body';
  if (typeof body === 'string') {
    if (type.includes('html') || /^\s*<(!doctype\s+html|html)\b/i.test(body)) return 'an HTML page';
    if (type.includes('xml') || /^\s*</.test(body)) return 'an XML document';
    if (type.includes('json')) return 'a body that is not valid JSON';
    return 'plain text';
  }
  if (Array.isArray(body)) return body.length === 0 ? 'an empty JSON array' : 'a JSON array';
  if (typeof body === 'object') return Object.keys(body).length === 0 ? 'an empty object' : 'a JSON object';
  return 'a bare JSON value';
}

/** @internal The media type without parameters, or undefined when absent or not a plain token/token. */
function mediaType(contentType: string | undefined): string | undefined {
  const media = contentType?.split(';')[0]?.trim().toLowerCase();
  return media !== undefined && MEDIA_TYPE.test(media) ? media : undefined;
}
