/**
 * A valid "Step Functions Execution Status Change" event and small builders that break one
 * thing at a time, for the bad-input corpus.
 */

/** ACCOUNT_PREFIX is the region and account of every corpus ARN. */
export const ACCOUNT_PREFIX = 'arn:aws:states:eu-west-1:482913557106';
/** MACHINE is the allow-listed state machine of the corpus. */
export const MACHINE = `${ACCOUNT_PREFIX}:stateMachine:build-and-deploy`;

/** executionArnOf builds an execution ARN of MACHINE (or of `machine`). */
export const executionArnOf = (name: string, machine = 'build-and-deploy'): string => `${ACCOUNT_PREFIX}:execution:${machine}:${name}`;

type Json = Record<string, unknown>;

/** validEvent is a well-formed RUNNING event of execution `name` of MACHINE. */
export function validEvent(name = 'corpus-execution', detail: Json = {}): Json {
  const executionArn = executionArnOf(name);
  return {
    version: '0',
    id: '6c1f2f0e-1c7b-4f5e-9e0a-2b7d3f1a9c42',
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: '482913557106',
    time: '2025-03-14T09:15:02Z',
    region: 'eu-west-1',
    resources: [executionArn],
    detail: {
      executionArn,
      stateMachineArn: MACHINE,
      name,
      status: 'RUNNING',
      startDate: 1741943702418,
      stopDate: null,
      input: '{}',
      output: null,
      stateMachineVersionArn: null,
      stateMachineAliasArn: null,
      redriveCount: 0,
      redriveDate: null,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is RUNNING and cannot be redriven',
      inputDetails: { included: true },
      outputDetails: null,
      error: null,
      cause: null,
      ...detail,
    },
  };
}

/** withEnvelope returns the valid event with envelope fields replaced (`undefined` removes one). */
export function withEnvelope(fields: Json): Json {
  return strip({ ...validEvent(), ...fields });
}

/** withDetail returns the valid event with detail fields replaced (`undefined` removes one). */
export function withDetail(fields: Json): Json {
  const event = validEvent();
  return { ...event, detail: strip({ ...(event['detail'] as Json), ...fields }) };
}

function strip(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
