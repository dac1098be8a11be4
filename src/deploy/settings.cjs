// Deploy-time settings shared by the serverless.yml resolvers in this folder (CommonJS because
// the serverless CLI `require`s them). They read the already-resolved `custom.deploy` block.
'use strict';

/** list splits a comma-separated setting into trimmed, non-empty items. */
function list(value) {
  return String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** deploySettings resolves custom.deploy (stage parameters with defaults). */
async function deploySettings(resolveConfigurationProperty) {
  const deploy = (await resolveConfigurationProperty(['custom', 'deploy'])) ?? {};
  return {
    stateMachineArns: list(deploy.stateMachineArns),
    subnetIds: list(deploy.vpcSubnetIds),
    securityGroupIds: list(deploy.vpcSecurityGroupIds),
    passwordSecret: String(deploy.ovirtPasswordSecret ?? '').trim(),
    eventConcurrency: String(deploy.eventConcurrency ?? '').trim(),
    logGroupNames: list(deploy.logGroupNames),
  };
}

module.exports = { list, deploySettings };
