/**
 * Scalar readers with the engine's input rules: booleans `true`/`false` in any case or
 * `0`/`1`; overflow-checked integers where an empty value reads as 0; case-insensitive enums.
 * A value the rules reject is an 'invalid-value' error in XML and a 'syntax' error in JSON
 * (Jackson cannot map it), which the handlers turn into the matching fault.
 */
import { InputError } from './body-input.js';
import type { BodyFormat, InObject, InValue } from './body-input.js';

/** ScalarReader reads typed fields of one parsed object in one wire format. */
export class ScalarReader {
  readonly format: BodyFormat;
  readonly object: InObject;
  constructor(object: InObject, format: BodyFormat) {
    this.object = object;
    this.format = format;
  }

  /** text returns the field's text, or undefined when the field is absent. */
  text(name: string): string | undefined {
    return this.scalar(this.object[name]);
  }

  /** child returns a reader for a nested object, or undefined when absent. */
  child(name: string): ScalarReader | undefined {
    let value = this.object[name];
    if (value === undefined) return undefined;
    while (Array.isArray(value)) value = this.lastOf(value);
    if (value === undefined || typeof value === 'string') {
      if (this.format === 'json') throw new InputError('syntax', `${name} must be an object`);
      return new ScalarReader({}, this.format);
    }
    return new ScalarReader(value, this.format);
  }

  bool(name: string): boolean | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const value = raw.trim().toLowerCase();
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    throw this.reject(`The string '${raw}' isn't a valid value for the 'xs:boolean' type. Valid values are: 'true', 'false', '1', '0'.`);
  }

  /** integer reads an `xs:int` (bits=32) or `xs:long` (bits=64). */
  integer(name: string, bits: 32 | 64): number | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const value = raw.trim();
    if (value === '') return 0;
    if (!/^[+-]?\d+$/.test(value)) throw this.reject(`The string '${raw}' isn't a valid integer.`);
    const limit = 2n ** BigInt(bits - 1);
    const big = BigInt(value);
    if (big >= limit || big < -limit) throw this.reject(`The value '${raw}' is out of range for a ${bits}-bit integer.`);
    return Number(big);
  }

  enumValue<T extends string>(name: string, typeName: string, values: readonly T[]): T | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    const value = raw.trim().toLowerCase();
    const match = values.find((candidate) => candidate === value);
    if (match !== undefined) return match;
    const valid = values.map((candidate) => `'${candidate}'`).join(', ');
    throw this.reject(`The string '${raw}' isn't a valid value for the '${typeName}' enumerated type. Valid values are: ${valid}.`);
  }

  /** @internal */
  private scalar(value: InValue | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return this.scalar(this.lastOf(value));
    if (typeof value === 'string') return value;
    if (this.format === 'json') throw new InputError('syntax', 'expected a scalar value');
    const text = value['#text'];
    return typeof text === 'string' ? text : '';
  }

  /** @internal JAXB keeps the last of repeated elements; Jackson cannot map an array to one value. */
  private lastOf(values: InValue[]): InValue | undefined {
    if (this.format === 'json') throw new InputError('syntax', 'unexpected array');
    return values[values.length - 1];
  }

  /** @internal */
  private reject(message: string): InputError {
    return new InputError(this.format === 'xml' ? 'invalid-value' : 'syntax', message);
  }
}
