/**
 * deadLetterSettings reads where the dead-letter queue is: DEAD_LETTER_QUEUE_URL (the stack
 * output DeadLetterQueueUrl; main.ts fills it from the stack with --stage), the region
 * (AWS_REGION, AWS_DEFAULT_REGION, else the one in an SQS URL), and AWS_ENDPOINT_URL_SQS for a
 * local stand-in. Invalid values throw ConfigError naming the variable.
 */
import type { Env } from '../config/env.js';
import { readString } from '../config/env.js';
import { ConfigError } from '../errors.js';

/** DeadLetterSettings: the queue URL, its region, and an endpoint override. */
export interface DeadLetterSettings {
  readonly url: string;
  readonly region: string;
  readonly endpoint?: string | undefined;
}

/** deadLetterSettings reads the settings from `env`. */
export function deadLetterSettings(env: Env): DeadLetterSettings {
  const url = readString(env, 'DEAD_LETTER_QUEUE_URL');
  if (url === undefined) {
    throw new ConfigError(
      'DEAD_LETTER_QUEUE_URL',
      'is not set: give the queue URL (the stack output DeadLetterQueueUrl, or `aws sqs get-queue-url --queue-name <service>-<stage>-dlq`), or --stage to read it from the deployed stack.',
    );
  }
  if (!URL.canParse(url)) throw new ConfigError('DEAD_LETTER_QUEUE_URL', `"${url}" is not a URL (expected https://sqs.<region>.amazonaws.com/<account>/<name>).`);
  const endpoint = readString(env, 'AWS_ENDPOINT_URL_SQS');
  if (endpoint !== undefined && !URL.canParse(endpoint)) throw new ConfigError('AWS_ENDPOINT_URL_SQS', `"${endpoint}" is not a URL.`);
  const fromUrl = /^sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(new URL(url).hostname)?.[1];
  return { url, region: readString(env, 'AWS_REGION') ?? readString(env, 'AWS_DEFAULT_REGION') ?? fromUrl ?? 'us-east-1', endpoint };
}
