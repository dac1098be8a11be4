// EventBridge pattern for onExecutionEvent: Step Functions status changes, narrowed to the
// allow-listed state machines when there is a list (cheaper than filtering in the function).
'use strict';
const { deploySettings } = require('./settings.cjs');

module.exports = async ({ resolveConfigurationProperty }) => {
  const { stateMachineArns } = await deploySettings(resolveConfigurationProperty);
  const pattern = { source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'] };
  if (stateMachineArns.length > 0) pattern.detail = { stateMachineArn: stateMachineArns };
  return pattern;
};
