/**
 * A neutral, ordered description of a response document that both writers (xml.ts,
 * json.ts) render, so field order and typing are decided once. Fields are listed in the
 * schema's element order (docs/ovirt-engine-behaviour.md#wire-format: actions; name/description/comment; link; own fields
 * alphabetically; references alphabetically).
 */

/** Link is one `<link href rel/>`. */
export interface Link {
  readonly href: string;
  readonly rel: string;
}

/** FieldValue is the typed value of one field. */
export type FieldValue =
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'int'; readonly v: number }
  | { readonly t: 'date'; readonly v: number }
  | { readonly t: 'entity'; readonly v: Entity }
  | { readonly t: 'links'; readonly v: readonly Link[] }
  | { readonly t: 'list'; readonly item: string; readonly v: readonly Entity[] };

/** Field is a named value; the name is the XML element and JSON property. */
export type Field = readonly [name: string, value: FieldValue];

/** Entity is one object: optional id/href attributes and ordered fields. */
export interface Entity {
  readonly id?: string | undefined;
  readonly href?: string | undefined;
  readonly fields: readonly Field[];
}

/** Doc is a whole response: a single entity or a collection of entities. */
export type Doc =
  | { readonly kind: 'entity'; readonly root: string; readonly entity: Entity }
  | { readonly kind: 'list'; readonly root: string; readonly item: string; readonly items: readonly Entity[] };

/** text builds a string field value. */
export const text = (v: string): FieldValue => ({ t: 'text', v });
/** bool builds a boolean field value (XML `true`/`false`, JSON `"true"`/`"false"`). */
export const bool = (v: boolean): FieldValue => ({ t: 'bool', v });
/** int builds an integer field value (JSON renders it as a string). */
export const int = (v: number): FieldValue => ({ t: 'int', v });
/** date builds a date field value from epoch milliseconds. */
export const date = (v: number): FieldValue => ({ t: 'date', v });
/** entity builds a nested object or reference field value. */
export const entity = (v: Entity): FieldValue => ({ t: 'entity', v });
/** links builds a repeated `link` field value. */
export const links = (v: readonly Link[]): FieldValue => ({ t: 'links', v });
