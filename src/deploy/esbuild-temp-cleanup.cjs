// A local serverless plugin: serverless-esbuild zips each function through a folder it makes in
// the system temp folder, named <function>-<pid>-<time>-<8 hex>, and its removal of that folder
// is not recursive, so it fails and every `serverless package` (npm run package, CI, the
// packaging tests, npm run bench) left one unpacked bundle per function behind. Once the
// artifacts are made, this removes the folders of this process: the pid in the name keeps a
// packaging that runs at the same time from losing its own.
'use strict';
const { readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** leftoverFolders lists the zip folders that `functionNames`, packaged by process `pid`, left in `temp`. */
function leftoverFolders(temp, functionNames, pid) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^(?:${functionNames.map(escape).join('|')})-${pid}-\\d+-[0-9a-f]{8}$`);
  return readdirSync(temp).filter((entry) => pattern.test(entry));
}

class EsbuildTempCleanup {
  constructor(serverless) {
    const cleanup = () => {
      const temp = tmpdir();
      for (const folder of leftoverFolders(temp, serverless.service.getAllFunctions(), process.pid)) {
        rmSync(join(temp, folder), { recursive: true, force: true });
      }
    };
    // Listed after serverless-esbuild in serverless.yml, so these run after its zipping.
    this.hooks = { 'after:package:createDeploymentArtifacts': cleanup, 'after:deploy:function:packageFunction': cleanup };
  }
}

module.exports = EsbuildTempCleanup;
