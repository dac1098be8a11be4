// A local serverless plugin: `serverless package` and `serverless deploy` refuse to go on when
// the oVirt connection settings are empty or malformed. Without them every cold start fails
// (the functions validate their configuration first), so a deployment that "succeeds" would
// only move the failure to the dead-letter queue. `serverless offline` (npm start) does not
// run these lifecycle events and keeps taking its settings from the environment.
'use strict';
const { URL } = require('node:url');

const PARAM_HINT = 'Give each with --param="<name>=<value>" on the command line, or under params.<stage> in serverless.yml (README: Deploying to AWS).';

function isHttpsWithoutCredentials(text) {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === 'https:' && url.username === '' && url.password === '';
}

/** settingProblems lists what is wrong with the resolved custom.deploy block, one sentence per setting. */
function settingProblems(deploy) {
  const value = (name) => String(deploy?.[name] ?? '').trim();
  const problems = [];
  const url = value('ovirtUrl');
  if (url === '') {
    problems.push('ovirtUrl is empty: the engine API URL, e.g. --param="ovirtUrl=https://engine.example/ovirt-engine/api".');
  } else if (!isHttpsWithoutCredentials(url)) {
    problems.push(`ovirtUrl "${url}" is not an https:// URL without credentials, e.g. https://engine.example/ovirt-engine/api.`);
  }
  const username = value('ovirtUsername');
  if (username === '') {
    problems.push('ovirtUsername is empty: the oVirt user as user@profile, e.g. --param="ovirtUsername=pipelines@internal".');
  } else if (!username.includes('@')) {
    problems.push(`ovirtUsername "${username}" is not user@profile (e.g. pipelines@internal).`);
  }
  if (value('ovirtPasswordSecret') === '') {
    problems.push(
      'ovirtPasswordSecret is empty: where the password is stored, e.g. --param="ovirtPasswordSecret=ssm:/ovirt/pipelines/password" ' +
        '(an SSM SecureString) or secretsmanager:<name>, or the ARN of either.',
    );
  }
  return problems;
}

class RequiredSettings {
  constructor(serverless) {
    const check = () => {
      const problems = settingProblems(serverless.service.custom?.deploy);
      if (problems.length === 0) return;
      throw new serverless.classes.Error(
        `Refusing to ${serverless.processedInput?.commands?.[0] ?? 'package'}: the functions would fail at every cold start.\n` +
          problems.map((p) => `  - ${p}`).join('\n') +
          `\n${PARAM_HINT}`,
        'OPJ_MISSING_OVIRT_SETTINGS',
      );
    };
    this.hooks = { 'before:package:initialize': check, 'before:deploy:deploy': check };
  }
}

module.exports = RequiredSettings;
module.exports.settingProblems = settingProblems;
