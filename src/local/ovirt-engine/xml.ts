/**
 * XML writer: JAXB-like formatted output (4-space indentation, standalone declaration),
 * `id`/`href` as attributes, dates with milliseconds and the engine's UTC offset.
 */
import type { Doc, Entity, FieldValue } from './representation.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const INDENT = '    ';

/** renderXml renders a document; `offsetMinutes` is the engine's time zone offset. */
export function renderXml(doc: Doc, offsetMinutes: number): string {
  const lines = [DECLARATION];
  if (doc.kind === 'entity') {
    writeEntity(lines, doc.root, doc.entity, 0, offsetMinutes);
  } else if (doc.items.length === 0) {
    lines.push(`<${doc.root}/>`);
  } else {
    lines.push(`<${doc.root}>`);
    for (const item of doc.items) writeEntity(lines, doc.item, item, 1, offsetMinutes);
    lines.push(`</${doc.root}>`);
  }
  return `${lines.join('\n')}\n`;
}

/** formatXmlDate writes `xs:dateTime` with milliseconds and a numeric offset ('Z' for zero). */
export function formatXmlDate(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 23);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** escapeXml escapes text and attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** @internal */
function writeEntity(lines: string[], name: string, node: Entity, depth: number, offset: number): void {
  const pad = INDENT.repeat(depth);
  const attrs = attributes(node);
  if (node.fields.length === 0) {
    lines.push(`${pad}<${name}${attrs}/>`);
    return;
  }
  lines.push(`${pad}<${name}${attrs}>`);
  for (const [field, value] of node.fields) writeField(lines, field, value, depth + 1, offset);
  lines.push(`${pad}</${name}>`);
}

/** @internal */
function writeField(lines: string[], name: string, value: FieldValue, depth: number, offset: number): void {
  const pad = INDENT.repeat(depth);
  switch (value.t) {
    case 'entity':
      return writeEntity(lines, name, value.v, depth, offset);
    case 'links':
      for (const link of value.v) lines.push(`${pad}<${name} href="${escapeXml(link.href)}" rel="${escapeXml(link.rel)}"/>`);
      return;
    case 'list':
      return writeEntity(lines, name, { fields: value.v.map((item) => [value.item, { t: 'entity', v: item }] as const) }, depth, offset);
    default:
      lines.push(`${pad}<${name}>${escapeXml(scalarText(value, offset))}</${name}>`);
  }
}

/** @internal */
function scalarText(value: FieldValue, offset: number): string {
  switch (value.t) {
    case 'text':
      return value.v;
    case 'bool':
      return value.v ? 'true' : 'false';
    case 'int':
      return String(value.v);
    case 'date':
      return formatXmlDate(value.v, offset);
    default:
      return '';
  }
}

/** @internal JAXB writes attributes in alphabetical order: href before id. */
function attributes(node: Entity): string {
  let out = '';
  if (node.href !== undefined) out += ` href="${escapeXml(node.href)}"`;
  if (node.id !== undefined) out += ` id="${escapeXml(node.id)}"`;
  return out;
}

/** @internal */
function pad(n: number): string {
  return String(n).padStart(2, '0');
}
