/**
 * Where the push path's log groups are, as far as the operator command needs to know to check
 * them: the log groups named for the stage, and the CloudWatch Logs endpoint of a local run.
 */
import type { Env } from './env.js';
import { readList, readString } from './env.js';

/** PushPathSettings are read by the operator command only; the functions do not need them. */
export interface PushPathSettings {
  /** LOG_GROUP_NAMES: log groups whose events the push path receives (besides the state machines' own). */
  readonly logGroupNames: readonly string[];
  /** AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: a local CloudWatch Logs stand-in; unset in AWS. */
  readonly logsEndpoint?: string | undefined;
  /**
   * True when the other AWS services point at local stand-ins (AWS_ENDPOINT_URL_SFN or
   * AWS_ENDPOINT_URL_DYNAMODB) while CloudWatch Logs has none: asking AWS would check another
   * account's logs than the ones the local run uses.
   */
  readonly logsUnreachableLocally: boolean;
}

/** readPushPathSettings reads the push path's settings. */
export function readPushPathSettings(env: Env): PushPathSettings {
  const logsEndpoint = readString(env, 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS');
  const local = readString(env, 'AWS_ENDPOINT_URL_SFN') !== undefined || readString(env, 'AWS_ENDPOINT_URL_DYNAMODB') !== undefined;
  return Object.freeze({
    logGroupNames: Object.freeze(readList(env, 'LOG_GROUP_NAMES')),
    logsEndpoint,
    logsUnreachableLocally: local && logsEndpoint === undefined,
  });
}
