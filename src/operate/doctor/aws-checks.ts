/**
 * The AWS checks: the tracking table against its definition, each allow-listed state machine,
 * and the push path (execution logs at level ALL, a subscription filter on each log group).
 * All calls go through the product's adapters; credentials come from the standard chain.
 */
import { createDynamoClient, describeTrackingTable, tableShapeProblems } from '../../adapters/dynamo/index.js';
import { createLogsClient, listSubscriptionFilters, logGroupNameOf } from '../../adapters/logs/subscription-filters.js';
import { createSfnClient, describeStateMachine } from '../../adapters/sfn/index.js';
import type { StateMachineFacts } from '../../adapters/sfn/index.js';
import type { Config } from '../../config/index.js';
import type { PushPathSettings } from '../../config/push-path-settings.js';
import type { CheckResult } from './check-result.js';
import { failed, messageOf, passed, skipped, warned } from './check-result.js';

/** The push path's function; a deployment names it <service>-<stage>-onExecutionLogs. */
const PUSH_FUNCTION = 'onExecutionLogs';

/** Each AWS call gets this long; the SDKs wait for ever by default. */
const AWS_CALL_MS = 20_000;

const callSignal = (signal: AbortSignal): AbortSignal => AbortSignal.any([signal, AbortSignal.timeout(AWS_CALL_MS)]);

/** checkTrackingTable compares the deployed table with tracking-table.json. */
export async function checkTrackingTable(config: Config, signal: AbortSignal): Promise<CheckResult> {
  const id = 'table';
  const name = 'Tracking table';
  const client = createDynamoClient({ region: config.region, endpoint: config.dynamodbEndpoint });
  try {
    const table = await describeTrackingTable(client, config.tableName, callSignal(signal));
    if (table === undefined) {
      return failed(id, name, `there is no table ${config.tableName} in ${config.region}`,
        'Deploy the stack (it creates the table), or set TRACKING_TABLE_NAME and AWS_REGION to where the deployed table is.');
    }
    const problems = tableShapeProblems(table);
    if (problems.length > 0) {
      return failed(id, name, `${config.tableName} does not match its definition: ${problems.join('; ')}`,
        'The table was not created from src/adapters/dynamo/tracking-table.json. Deploy the stack to create the right one and point TRACKING_TABLE_NAME at it.');
    }
    return passed(id, name, `${config.tableName} is ACTIVE with the keys and the index the functions use`);
  } catch (error) {
    if (signal.aborted) throw error;
    return failed(id, name, messageOf(error), 'Check the AWS credentials and region of this machine (and AWS_ENDPOINT_URL_DYNAMODB for local runs).');
  } finally {
    client.destroy();
  }
}

/** StateMachineOutcome is the checks of the allow-list and the machines found. */
export interface StateMachineOutcome {
  readonly results: CheckResult[];
  readonly found: StateMachineFacts[];
}

/** checkStateMachines describes each allow-listed state machine. */
export async function checkStateMachines(config: Config, signal: AbortSignal): Promise<StateMachineOutcome> {
  if (config.stateMachineArns.length === 0) {
    return {
      results: [warned('stateMachines', 'State machines', 'STATE_MACHINE_ARNS is empty: every state machine whose events reach the function is mirrored, so there is nothing to check',
        'Set STATE_MACHINE_ARNS (stage parameter stateMachineArns) to the machines to mirror; they are then checked here.')],
      found: [],
    };
  }
  const client = createSfnClient({ region: config.region, endpoint: config.sfnEndpoint });
  const results: CheckResult[] = [];
  const found: StateMachineFacts[] = [];
  try {
    for (const arn of config.stateMachineArns) {
      const name = `State machine ${arn.split(':').at(-1) ?? arn}`;
      const id = `stateMachine:${arn}`;
      try {
        const facts = await describeStateMachine(client, arn, callSignal(signal));
        if (facts === undefined) {
          results.push(failed(id, name, `${arn} does not exist`,
            'Check the ARN in STATE_MACHINE_ARNS (account, region, name), or create the state machine first.'));
          continue;
        }
        found.push(facts);
        results.push(stateMachineResult(id, name, facts));
      } catch (error) {
        if (signal.aborted) throw error;
        results.push(failed(id, name, messageOf(error), 'Check the AWS credentials and region (and AWS_ENDPOINT_URL_SFN for local runs); the caller needs states:DescribeStateMachine.'));
      }
    }
  } finally {
    client.destroy();
  }
  return { results, found };
}

function stateMachineResult(id: string, name: string, facts: StateMachineFacts): CheckResult {
  if (facts.status === 'DELETING') {
    return failed(id, name, `${facts.stateMachineArn} is being deleted`, 'Remove it from STATE_MACHINE_ARNS, or point the allow-list at its replacement.');
  }
  if (facts.type === 'STANDARD') return passed(id, name, 'exists, STANDARD');
  if (facts.type === 'EXPRESS') {
    return facts.logging.logGroupArns.length > 0
      ? passed(id, name, 'exists, EXPRESS: mirrored from its execution logs (see the push path checks)')
      : failed(id, name, 'exists, EXPRESS, and logs nowhere: Express workflows send no status-change events and keep no history, so only their execution logs can mirror them',
        'Turn on its logging to a CloudWatch Logs group at level ALL, or take it off STATE_MACHINE_ARNS.');
  }
  return failed(id, name, `exists, but its type is ${facts.type}`, 'Only STANDARD and EXPRESS state machines can be mirrored.');
}

/** checkPushPath checks the log level of each logging machine and the subscription of each log group. */
export async function checkPushPath(config: Config, push: PushPathSettings, machines: readonly StateMachineFacts[], signal: AbortSignal): Promise<CheckResult[]> {
  const logging = machines.filter((m) => m.logging.logGroupArns.length > 0);
  const groups = [...new Set([...push.logGroupNames, ...logging.flatMap((m) => m.logging.logGroupArns.map(logGroupNameOf))])];
  if (groups.length === 0) {
    return [skipped('push', 'Push path', 'no log groups configured (LOG_GROUP_NAMES is empty and no allow-listed state machine logs to CloudWatch Logs)')];
  }
  const results = logging.map((m): CheckResult => {
    const id = `push.logLevel:${m.stateMachineArn}`;
    const name = `Log level of ${m.name}`;
    return m.logging.level === 'ALL'
      ? passed(id, name, 'ALL: every state\'s events reach the log group')
      : failed(id, name, `${m.logging.level}: the log leaves out the events of states that succeed, so the mirror would miss them`,
        `Set its logging level to ALL: aws stepfunctions update-state-machine --state-machine-arn ${m.stateMachineArn} ` +
          `--logging-configuration '{"level":"ALL","includeExecutionData":false,"destinations":[{"cloudWatchLogsLogGroup":{"logGroupArn":"${m.logging.logGroupArns[0] ?? ''}"}}]}'`);
  });
  if (push.logsUnreachableLocally) {
    for (const group of groups) {
      results.push(skipped(`push.subscription:${group}`, `Subscription filter on ${group}`,
        'local run without a CloudWatch Logs endpoint (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS is unset), so there is nothing to ask'));
    }
    return results;
  }
  const client = createLogsClient({ region: config.region, endpoint: push.logsEndpoint });
  try {
    for (const group of groups) results.push(await subscriptionResult(client, group, signal));
  } finally {
    client.destroy();
  }
  return results;
}

async function subscriptionResult(client: ReturnType<typeof createLogsClient>, group: string, signal: AbortSignal): Promise<CheckResult> {
  const id = `push.subscription:${group}`;
  const name = `Subscription filter on ${group}`;
  try {
    const filters = await listSubscriptionFilters(client, group, callSignal(signal));
    if (filters === undefined) {
      return failed(id, name, `there is no log group ${group}`, 'Correct the name in LOG_GROUP_NAMES (the stage parameter logGroupNames) or in the state machine\'s logging configuration.');
    }
    const listed = filters.map((f) => `${f.filterName} → ${f.destinationArn}`).join(', ');
    if (!filters.some((f) => f.destinationArn.endsWith(`-${PUSH_FUNCTION}`))) {
      return failed(id, name, filters.length === 0 ? 'no subscription filter: its records reach no function' : `not subscribed to ${PUSH_FUNCTION} (only ${listed})`,
        `Add the group to the stage parameter logGroupNames and deploy: the deployment subscribes ${PUSH_FUNCTION} to it. A log group takes at most two subscription filters.`);
    }
    return passed(id, name, listed);
  } catch (error) {
    if (signal.aborted) throw error;
    return failed(id, name, messageOf(error), 'Check the AWS credentials and region; the caller needs logs:DescribeSubscriptionFilters.');
  }
}
