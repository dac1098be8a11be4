// Reserved concurrency of onExecutionEvent (stage parameter eventConcurrency): a cap on how
// many executions are synced at once, because every sync talks to the same single oVirt
// engine. Events over the cap are throttled and retried by Lambda's asynchronous invocation
// (up to maximumEventAge), so a burst of pipeline starts is smoothed, not lost.
'use strict';
const { deploySettings } = require('./settings.cjs');

module.exports = async ({ resolveConfigurationProperty }) => {
  const { eventConcurrency } = await deploySettings(resolveConfigurationProperty);
  if (!/^\d+$/.test(eventConcurrency) || Number(eventConcurrency) < 1 || Number(eventConcurrency) > 1000) {
    throw new Error(`eventConcurrency "${eventConcurrency}" must be a whole number from 1 to 1000 (concurrent onExecutionEvent invocations; default 10).`);
  }
  return Number(eventConcurrency);
};
