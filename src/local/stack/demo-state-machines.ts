/**
 * The state machines of the demo pipelines a run plays: the functions' allow-list, and their
 * declarations in the Step Functions stub, so `ovirt-pipeline-jobs doctor --stage local` sees
 * what the stub really does: Express for the thumbnail workflow (only Express executions), and
 * logging at level ALL to the log group the stub delivers from (logging OFF with --no-logs).
 */
import { scenarioRuns } from '../demo-pipelines/index.js';
import type { DemoScenario } from '../demo-pipelines/index.js';
import type { SfnStub } from '../sfn-stub/index.js';
import { logGroupOf } from '../sfn-stub/logs/log-shipper.js';

/** demoStateMachines lists the state machines of `scenarios` (each once, in play order). */
export function demoStateMachines(scenarios: readonly DemoScenario[]): string[] {
  return [...new Set(scenarios.flatMap((scenario) => scenarioRuns(scenario).map((run) => run.description.stateMachineArn)))];
}

/** declareDemoStateMachines declares each demo state machine in the stub with its type and logging. */
export function declareDemoStateMachines(stub: Pick<SfnStub, 'defineStateMachine'>, scenarios: readonly DemoScenario[], logs: boolean): void {
  const runs = scenarios.flatMap((scenario) => scenarioRuns(scenario));
  for (const stateMachineArn of demoStateMachines(scenarios)) {
    const express = runs.filter((run) => run.description.stateMachineArn === stateMachineArn).every((run) => run.description.executionArn.split(':')[5] === 'express');
    const [, , , region = '', account = '', , name = ''] = stateMachineArn.split(':');
    const logGroupArn = `arn:aws:logs:${region}:${account}:log-group:${logGroupOf(name)}:*`;
    stub.defineStateMachine({
      stateMachineArn,
      type: express ? 'EXPRESS' : 'STANDARD',
      loggingConfiguration: logs
        ? { level: 'ALL', includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }] }
        : { level: 'OFF', includeExecutionData: false },
    });
  }
}
