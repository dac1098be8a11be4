/**
 * The checksums SQS returns with every sent and received message: MD5 of the body (the SDK
 * checks it and rejects a mismatch), and MD5 of the message attributes in the encoding SQS
 * documents — for each attribute in name order: length-prefixed name, length-prefixed data
 * type, a transport byte (1 string, 2 binary), length-prefixed value. Lengths are 4-byte
 * big-endian.
 */
import { createHash } from 'node:crypto';

/** MessageAttribute is one message attribute as the JSON protocol carries it. @internal */
export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
  /** Base64 in the JSON protocol. */
  readonly BinaryValue?: string | undefined;
}

/** md5Hex is the lowercase hex MD5 of a UTF-8 text. @internal */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** attributesMd5 is MD5OfMessageAttributes, or undefined when there are none. @internal */
export function attributesMd5(attributes: Readonly<Record<string, MessageAttribute>>): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  const prefixed = (bytes: Buffer): void => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  };
  for (const name of names) {
    const attribute = attributes[name]!;
    prefixed(Buffer.from(name, 'utf8'));
    prefixed(Buffer.from(attribute.DataType, 'utf8'));
    const binary = attribute.DataType.startsWith('Binary');
    hash.update(Buffer.from([binary ? 2 : 1]));
    prefixed(binary ? Buffer.from(attribute.BinaryValue ?? '', 'base64') : Buffer.from(attribute.StringValue ?? '', 'utf8'));
  }
  return hash.digest('hex');
}
