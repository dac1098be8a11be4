/**
 * Readers for SQS request arguments that answer SQS's own validation errors, so a caller's
 * mistake shows up against the stub as it would against SQS.
 */
import type { MessageAttribute } from './message-md5.js';
import { SqsErrors } from './wire.js';

/** Input is one request's JSON body. @internal */
export type Input = Readonly<Record<string, unknown>>;

/** readString reads a required string argument. @internal */
export function readString(input: Input, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') throw SqsErrors.missingParameter(`The request must contain the parameter ${field}.`);
  return value;
}

/** readOptionalInteger reads a whole number within [min, max], or undefined when absent. @internal */
export function readOptionalInteger(input: Input, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw SqsErrors.invalidParameterValue(`Value ${JSON.stringify(value)} for parameter ${field} is invalid. Reason: Must be between ${min} and ${max}, if provided.`);
  }
  return value;
}

/** readStringList reads an optional list of strings (attribute names). @internal */
export function readStringList(input: Input, field: string): string[] {
  const value = input[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw SqsErrors.invalidParameterValue(`Value for parameter ${field} is invalid. Reason: must be a list of strings.`);
  }
  return value as string[];
}

/** readStringMap reads an optional map of string values (queue attributes). @internal */
export function readStringMap(input: Input, field: string): Record<string, string> {
  const value = input[field];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    throw SqsErrors.invalidParameterValue(`Value for parameter ${field} is invalid. Reason: must be a map of strings.`);
  }
  return value as Record<string, string>;
}

/** readMessageAttributes reads SendMessage's MessageAttributes (DataType plus StringValue or BinaryValue). @internal */
export function readMessageAttributes(input: Input): Record<string, MessageAttribute> {
  const value = input.MessageAttributes;
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw SqsErrors.invalidParameterValue('MessageAttributes must be a map.');
  const attributes: Record<string, MessageAttribute> = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const attribute = raw as Partial<MessageAttribute> | null;
    const dataType = attribute?.DataType;
    if (typeof dataType !== 'string' || !/^(String|Number|Binary)(\..+)?$/.test(dataType)) {
      throw SqsErrors.invalidParameterValue(`The message attribute '${name}' must have a DataType of String, Number or Binary.`);
    }
    const binary = dataType.startsWith('Binary');
    const content = binary ? attribute?.BinaryValue : attribute?.StringValue;
    if (typeof content !== 'string') {
      throw SqsErrors.invalidParameterValue(`The message attribute '${name}' with type '${dataType}' must have a ${binary ? 'BinaryValue' : 'StringValue'}.`);
    }
    attributes[name] = binary ? { DataType: dataType, BinaryValue: content } : { DataType: dataType, StringValue: content };
  }
  return attributes;
}
