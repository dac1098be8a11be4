// A local serverless plugin: the CloudWatch alarms of a deployed stage, added to the packaged
// template. A plugin rather than hand-written resources because the per-function alarms must
// cover every function serverless.yml declares, including ones added later, without anyone
// remembering to copy them:
//   - <function> errors and <function> throttles, for each function (AWS/Lambda);
//   - the dead-letter queue is not empty (AWS/SQS ApproximateNumberOfMessagesVisible);
//   - an execution has been pending longer than pendingAlarmMinutes: the sweep's
//     OldestDueExecutionAgeSeconds (namespace OvirtPipelineJobs, src/runtime/telemetry.ts) — an
//     open execution that is due has gone that long without a sync.
// All notify the SNS topic alarmTopicArn (on alarm and on recovery); when it is empty the alarms
// exist (visible in the console) but notify nobody.
'use strict';

/** Namespace, dimension and metric the product emits (src/runtime/telemetry.ts). */
const PRODUCT_NAMESPACE = 'OvirtPipelineJobs';
const PRODUCT_SERVICE = 'ovirt-pipeline-jobs';
const OLDEST_DUE_AGE_METRIC = 'OldestDueExecutionAgeSeconds';
/** Five-minute periods: a sweep runs every minute, Lambda metrics arrive per minute. */
const PERIOD_SECONDS = 300;
const SNS_TOPIC_ARN = /^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;

/** alarmSettings reads and checks the two stage parameters from the resolved custom.deploy block. */
function alarmSettings(deploy) {
  const topic = String(deploy?.alarmTopicArn ?? '').trim();
  if (topic !== '' && !SNS_TOPIC_ARN.test(topic)) {
    throw new Error(`alarmTopicArn "${topic}" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>); leave it empty for alarms that notify nobody.`);
  }
  const minutesText = String(deploy?.pendingAlarmMinutes ?? '').trim();
  const minutes = Number(minutesText);
  if (!/^\d+$/.test(minutesText) || minutes < 5 || minutes > 1440) {
    throw new Error(`pendingAlarmMinutes "${minutesText}" must be a whole number of minutes from 5 to 1440 (how long an open execution may wait for a sync; default 15).`);
  }
  return { topic, minutes };
}

/** alarmResources returns the alarms as CloudFormation resources, by logical id. */
function alarmResources({ prefix, functions, topic, minutes }) {
  const actions = topic === '' ? [] : [topic];
  const alarm = (name, description, metric) => ({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: `${prefix}-${name}`,
      AlarmDescription: description,
      ActionsEnabled: actions.length > 0,
      AlarmActions: actions,
      OKActions: actions,
      Period: PERIOD_SECONDS,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      // No data means nothing happened (no invocation, no message, no sweep report yet).
      TreatMissingData: 'notBreaching',
      ...metric,
    },
  });
  const resources = {};
  for (const { key, logicalId, deadLetters } of functions) {
    const id = logicalId.replace(/LambdaFunction$/, '');
    const dimension = [{ Name: 'FunctionName', Value: { Ref: logicalId } }];
    resources[`${id}ErrorsAlarm`] = alarm(
      `${key}-errors`,
      `${key} failed (Lambda Errors > 0 in 5 minutes). Its log group's "Invocation failed" lines say why.` +
        (deadLetters ? ' Events that failed every retry go to the dead-letter queue: replay them with ovirt-pipeline-jobs replay-dlq.' : ''),
      { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: dimension, Statistic: 'Sum', Threshold: 0 },
    );
    resources[`${id}ThrottlesAlarm`] = alarm(
      `${key}-throttles`,
      `${key} was throttled (Lambda Throttles > 0 in 5 minutes): more invocations at once than its reserved concurrency ` +
        '(onExecutionEvent: eventConcurrency; sweep: one, so a sweep that takes longer than sweepRate). Lambda retries them, but a lasting backlog delays oVirt.',
      { Namespace: 'AWS/Lambda', MetricName: 'Throttles', Dimensions: dimension, Statistic: 'Sum', Threshold: 0 },
    );
  }
  resources.DeadLetterQueueNotEmptyAlarm = alarm(
    'dlq-not-empty',
    'The dead-letter queue holds events that failed every retry. Fix the cause (the message says it), then run: ovirt-pipeline-jobs replay-dlq.',
    {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['DeadLetterQueue', 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 0,
    },
  );
  resources.ExecutionPendingTooLongAlarm = alarm(
    'execution-pending-too-long',
    `An open execution has waited more than ${minutes} minutes for a sync: the sweep falls behind or fails. See the sweep function's log ("Sweep finished", warnings) and: ovirt-pipeline-jobs status <execution>.`,
    {
      Namespace: PRODUCT_NAMESPACE,
      MetricName: OLDEST_DUE_AGE_METRIC,
      Dimensions: [{ Name: 'service', Value: PRODUCT_SERVICE }],
      Statistic: 'Maximum',
      Threshold: minutes * 60,
    },
  );
  return resources;
}

class Alarms {
  constructor(serverless) {
    this.hooks = {
      'package:compileEvents': () => {
        const service = serverless.service;
        const naming = serverless.getProvider('aws').naming;
        let settings;
        try {
          settings = alarmSettings(service.custom?.deploy);
        } catch (error) {
          throw new serverless.classes.Error(error.message, 'OPJ_ALARM_SETTINGS');
        }
        const functions = service.getAllFunctions().map((key) => ({
          key,
          logicalId: naming.getLambdaLogicalId(key),
          deadLetters: service.getFunction(key).destinations?.onFailure !== undefined,
        }));
        const prefix = `${service.service}-${serverless.getProvider('aws').getStage()}`;
        Object.assign(service.provider.compiledCloudFormationTemplate.Resources, alarmResources({ prefix, functions, ...settings }));
      },
    };
  }
}

module.exports = Alarms;
module.exports.alarmResources = alarmResources;
module.exports.alarmSettings = alarmSettings;
