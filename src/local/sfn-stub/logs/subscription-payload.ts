/**
 * What a CloudWatch Logs subscription filter hands a Lambda function: `{ awslogs: { data } }`,
 * where `data` is base64 of the gzipped JSON of one delivery (one log group, one log stream,
 * a batch of log events). Written here from the documented format alone: the stub never
 * imports the product's decoder, so the two cannot share a mistake.
 */
import { gzipSync } from 'node:zlib';

/** LogEventEntry is one log event of a delivery: CloudWatch's event id, its time, the record text. */
export interface LogEventEntry {
  readonly id: string;
  /** Epoch ms. */
  readonly timestamp: number;
  readonly message: string;
}

/** DecodedDelivery is the JSON a subscription delivery carries before gzip and base64. */
export interface DecodedDelivery {
  /** `CONTROL_MESSAGE` is the health check CloudWatch Logs sends when a subscription is created. */
  readonly messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  /** The AWS account that owns the log group. */
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly subscriptionFilters: readonly string[];
  readonly logEvents: readonly LogEventEntry[];
}

/** SubscriptionPayload is the Lambda event of one delivery. */
export interface SubscriptionPayload {
  readonly awslogs: { readonly data: string };
}

/** encodeDelivery gzips and base64-encodes one delivery into the Lambda event. */
export function encodeDelivery(delivery: DecodedDelivery): SubscriptionPayload {
  return { awslogs: { data: encodeDeliveryText(JSON.stringify(delivery)) } };
}

/**
 * encodeDeliveryText is the encoding itself, of any text: gzip, then base64. Tests use it to hand
 * the decoder payloads no real delivery would carry.
 */
export function encodeDeliveryText(json: string): string {
  return gzipSync(Buffer.from(json, 'utf8')).toString('base64');
}
