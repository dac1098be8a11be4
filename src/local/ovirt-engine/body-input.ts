/**
 * Request bodies in XML or JSON, parsed into one neutral tree (`InObject`) so the typed
 * decoders do not care about the wire format. XML follows JAXB: `id`/`href` are attributes
 * (child elements of those names are ignored), text is kept untrimmed, repeated elements
 * become arrays. JSON follows Jackson with unwrapped roots: scalars are read as strings (so
 * `true` and `"true"` are the same), `null` means absent.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** InValue is one value of a parsed body. */
export type InValue = string | InObject | InValue[];

/** InObject is one parsed element or JSON object. */
export interface InObject {
  [name: string]: InValue | undefined;
}

/** BodyFormat is the wire format of a request body, chosen by its Content-Type. */
export type BodyFormat = 'xml' | 'json';

/** InputError is a body problem: 'syntax' (unparsable) or 'invalid-value' (XML value the parser rejects). */
export class InputError extends Error {
  readonly kind: 'syntax' | 'invalid-value';
  constructor(kind: 'syntax' | 'invalid-value', message: string) {
    super(message);
    this.name = 'InputError';
    this.kind = kind;
  }
}

const ATTRIBUTE_PREFIX = '@';
const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * parseBody parses a body whose root must be `root` (XML element name; JSON is unwrapped).
 * An empty body reads as an empty object.
 */
export function parseBody(text: string, format: BodyFormat, root: string): InObject {
  if (text.trim() === '') return {};
  return format === 'json' ? parseJson(text) : parseXml(text, root);
}

/** @internal */
function parseXml(text: string, root: string): InObject {
  if (XMLValidator.validate(text) !== true) throw new InputError('syntax', 'malformed XML');
  const parsed = xmlParser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(parsed);
  if (roots.length !== 1 || roots[0] !== root) throw new InputError('syntax', `expected a single <${root}> root`);
  const value = normalizeXml(parsed[root]);
  return typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** @internal Keeps attributes id/href, drops whitespace text between child elements. */
function normalizeXml(node: unknown): InValue {
  if (Array.isArray(node)) return node.map(normalizeXml);
  if (node === null || typeof node !== 'object') return scalarText(node);
  const result: InObject = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key.startsWith(ATTRIBUTE_PREFIX)) {
      const name = key.slice(ATTRIBUTE_PREFIX.length);
      if (name === 'id' || name === 'href') result[name] = scalarText(value);
    } else if (key === '#text') {
      if (scalarText(value).trim() !== '') result['#text'] = scalarText(value);
    } else if (key !== 'id' && key !== 'href') {
      result[key] = normalizeXml(value);
    }
  }
  return result;
}

/** @internal */
function parseJson(text: string): InObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError('syntax', 'malformed JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError('syntax', 'expected a JSON object');
  }
  return normalizeJson(parsed) as InObject;
}

/** @internal Scalars become strings, as Jackson hands them to the JAXB adapters. */
function normalizeJson(value: unknown): InValue | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => normalizeJson(item) ?? '');
  if (typeof value === 'object') {
    const result: InObject = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const normalized = normalizeJson(item);
      if (normalized !== undefined) result[key] = normalized;
    }
    return result;
  }
  return scalarText(value);
}

/** @internal Text of a parsed scalar (string, number or boolean); anything else reads as empty. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
