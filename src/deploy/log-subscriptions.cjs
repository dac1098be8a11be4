// cloudwatchLog events of onExecutionLogs (stage parameter logGroupNames): one subscription
// filter per Step Functions log group, with an empty filter pattern (every record is one
// history event). None when the list is empty: the function is then never invoked and the
// product works from status-change events and the sweep alone. The framework adds the
// AWS::Lambda::Permission that lets CloudWatch Logs invoke the function; the function needs
// no logs:* permission of its own.
'use strict';
const { deploySettings } = require('./settings.cjs');

// CloudWatch Logs' own rule for log group names.
const LOG_GROUP_NAME = /^[\w\-./#]{1,512}$/;

module.exports = async ({ resolveConfigurationProperty }) => {
  const { logGroupNames } = await deploySettings(resolveConfigurationProperty);
  const bad = logGroupNames.find((name) => !LOG_GROUP_NAME.test(name) || name.startsWith('arn:'));
  if (bad !== undefined) {
    throw new Error(
      `logGroupNames: "${bad}" is not a log group name. Give the names (not ARNs) of the state machines' log groups, ` +
        'comma-separated, e.g. /aws/vendedlogs/states/release-Logs.',
    );
  }
  return logGroupNames.map((logGroup) => ({ cloudwatchLog: { logGroup, filter: '' } }));
};
