/**
 * Small helpers of the stack: the deployed function names, a real engine's access from the
 * environment, and the banner of URLs printed once everything listens (task monitor first).
 */
import type { EngineAccess } from './handler-env.js';

/** SERVICE_STAGE_PREFIX is `<service>-<stage>-`, how serverless names the functions of the local stage. */
export const SERVICE_STAGE_PREFIX = 'ovirt-pipeline-jobs-local-';

/** functionName is the Lambda function name of a serverless.yml function key. */
export function functionName(key: 'onExecutionEvent' | 'onExecutionLogs' | 'sweep'): string {
  return `${SERVICE_STAGE_PREFIX}${key}`;
}

/** StackUrls are the addresses the stack prints. */
export interface StackUrls {
  readonly taskMonitor: string;
  readonly ovirtApi: string;
  readonly lambda: string;
  readonly stepFunctions: string;
  readonly dynamodb: string;
  /** The SQS stub's endpoint (AWS_ENDPOINT_URL_SQS) and the dead-letter queue's URL (DEAD_LETTER_QUEUE_URL). */
  readonly sqs: string;
  readonly deadLetterQueue: string;
}

/** engineFromEnvironment reads a real engine's credentials and trust settings (OVIRT_*). */
export function engineFromEnvironment(
  apiUrl: string,
  env: Readonly<Record<string, string | undefined>>,
): { access: EngineAccess; urls: Pick<StackUrls, 'taskMonitor' | 'ovirtApi'> } {
  const value = (name: string): string | undefined => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const origin = new URL(apiUrl).origin;
  return {
    access: {
      apiUrl,
      username: value('OVIRT_USERNAME'),
      password: value('OVIRT_PASSWORD'),
      token: value('OVIRT_TOKEN'),
      caFile: value('OVIRT_CAFILE'),
      insecure: ['true', '1', 'yes'].includes((value('OVIRT_INSECURE') ?? '').toLowerCase()),
    },
    urls: { taskMonitor: `${origin}/ovirt-engine/webadmin/ (Administration Portal › Tasks)`, ovirtApi: apiUrl },
  };
}

/** BannerFacts are the figures the banner reports besides the URLs. */
export interface BannerFacts {
  readonly startedAt: number;
  readonly scenarios: number;
  readonly speed: number;
  readonly caFile?: string | undefined;
  /** Whether the stub delivers its executions' log records to onExecutionLogs. */
  readonly logs?: boolean | undefined;
  /** Whether the `local` stage's settings were written for the operator command. */
  readonly localStage?: boolean | undefined;
}

/** bannerLines lists the URLs, task monitor first, and how to stop. */
export function bannerLines(urls: StackUrls, facts: BannerFacts): string[] {
  const seconds = ((Date.now() - facts.startedAt) / 1000).toFixed(1);
  const logs = facts.logs === true ? ', logging to onExecutionLogs' : '';
  const playing = facts.scenarios > 0 ? `stub playing ${facts.scenarios} demo pipelines at ${facts.speed}× speed${logs}` : 'your endpoint; no demo catalogue';
  return [
    `ovirt-pipeline-jobs local stack is up (${seconds} s)`,
    `  Task monitor     ${urls.taskMonitor}`,
    ...(facts.caFile === undefined ? [] : [`                   (self-signed: the browser will warn; the engine CA is ${facts.caFile})`]),
    `  oVirt API        ${urls.ovirtApi}`,
    `  Lambda invoke    ${urls.lambda}  (serverless offline: onExecutionEvent, onExecutionLogs, sweep)`,
    `  Step Functions   ${urls.stepFunctions}  (${playing})`,
    `  DynamoDB         ${urls.dynamodb}  (dynalite, tracking table)`,
    `  SQS              ${urls.sqs}  (SQS stub; dead-letter queue ${urls.deadLetterQueue})`,
    ...(facts.localStage === true ? ['Operator command: npx ovirt-pipeline-jobs <doctor|status|resync|backfill|replay-dlq> --stage local'] : []),
    'Press Ctrl-C to stop.',
    '',
  ];
}
