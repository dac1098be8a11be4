/**
 * JSON writer with the engine's Jackson-over-JAXB typing: booleans and integers as strings,
 * dates as epoch-millisecond numbers, single objects unwrapped, collections as
 * `{"job": [...]}`, an empty collection as `{}`.
 */
import type { Doc, Entity, FieldValue } from './representation.js';

/** renderJson renders a document, pretty-printed with two-space indentation. */
export function renderJson(doc: Doc): string {
  const value = doc.kind === 'entity' ? entityObject(doc.entity) : listObject(doc.item, doc.items);
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** @internal An empty list has no array property at all (the list field is never created). */
function listObject(item: string, items: readonly Entity[]): Record<string, unknown> {
  return items.length === 0 ? {} : { [item]: items.map(entityObject) };
}

/** @internal href/id come after actions and name/description/comment, before the links. */
function entityObject(node: Entity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const leading = new Set(['actions', 'name', 'description', 'comment']);
  let identified = false;
  const identify = (): void => {
    if (identified) return;
    identified = true;
    if (node.href !== undefined) out.href = node.href;
    if (node.id !== undefined) out.id = node.id;
  };
  for (const [name, value] of node.fields) {
    if (!leading.has(name)) identify();
    out[name] = fieldValue(value);
  }
  identify();
  return out;
}

/** @internal */
function fieldValue(value: FieldValue): unknown {
  switch (value.t) {
    case 'text':
      return value.v;
    case 'bool':
      return value.v ? 'true' : 'false';
    case 'int':
      return String(value.v);
    case 'date':
      return value.v;
    case 'entity':
      return entityObject(value.v);
    case 'links':
      return value.v.map((link) => ({ href: link.href, rel: link.rel }));
    case 'list':
      return listObject(value.item, value.v);
  }
}
