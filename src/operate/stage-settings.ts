/**
 * stageSettings reads a deployed stage's configuration, so an operator can run
 * `ovirt-pipeline-jobs <subcommand> --stage prod` instead of exporting a dozen variables.
 *
 * The functions' environment is the one place the deployed settings live (serverless.yml
 * writes every stage parameter into it), so the settings are read from the onExecutionEvent
 * function's configuration, and the dead-letter queue's URL from the stack's resources. The
 * password secret is read later, like the functions do, only from the reference
 * (OVIRT_PASSWORD_SECRET); no secret value is in what this returns.
 *
 * The `local` stage is `npm start` on this machine: its settings come from the file the running
 * stack writes (src/local/stack/local-stage-file.ts), not from AWS.
 */
import { CloudFormationClient, DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { findLocalStageFile, LOCAL_STAGE, readLocalStageFile } from '../local/stack/local-stage-file.js';

/** SERVICE is the serverless.yml service name: functions and the stack are named after it. */
export const SERVICE = 'ovirt-pipeline-jobs';

/** StageSettingsError: the stage could not be read; the message says what to check. */
export class StageSettingsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StageSettingsError';
  }
}

/**
 * stageSettings returns the environment of the stage's onExecutionEvent function plus
 * DEAD_LETTER_QUEUE_URL and AWS_REGION. Credentials come from the standard AWS chain.
 */
export async function stageSettings(stage: string, region: string | undefined, signal?: AbortSignal): Promise<Record<string, string>> {
  if (stage === LOCAL_STAGE) return localStageSettings(findLocalStageFile());
  const functionName = `${SERVICE}-${stage}-onExecutionEvent`;
  const stackName = `${SERVICE}-${stage}`;
  const lambda = new LambdaClient(region === undefined ? {} : { region });
  const cloudFormation = new CloudFormationClient(region === undefined ? {} : { region });
  try {
    const fn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }), { abortSignal: signal });
    const env: Record<string, string> = { ...(fn.Environment?.Variables ?? {}) };
    const resolvedRegion = await lambda.config.region();
    env.AWS_REGION = resolvedRegion;
    try {
      const queue = await cloudFormation.send(
        new DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: 'DeadLetterQueue' }),
        { abortSignal: signal },
      );
      const url = queue.StackResourceDetail?.PhysicalResourceId;
      if (url !== undefined) env.DEAD_LETTER_QUEUE_URL = url;
    } catch {
      // Only replay-dlq needs the queue; it says so itself when DEAD_LETTER_QUEUE_URL is missing.
    }
    return env;
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ResourceNotFoundException') {
      throw new StageSettingsError(
        `Stage "${stage}" is not deployed in ${await lambda.config.region()}: there is no function ${functionName}. ` +
          'Check --stage and --region (or AWS_REGION), or set the configuration variables yourself instead of --stage.',
        { cause: error },
      );
    }
    throw new StageSettingsError(
      `Could not read the settings of stage "${stage}" (${name}: ${(error as Error).message}). ` +
        'The AWS credentials in use need lambda:GetFunctionConfiguration on the function and cloudformation:DescribeStackResource on the stack.',
      { cause: error },
    );
  } finally {
    lambda.destroy();
    cloudFormation.destroy();
  }
}

/** localStageSettings reads the settings a running `npm start` wrote to `path`; the error says how to start one. */
export async function localStageSettings(path: string): Promise<Record<string, string>> {
  try {
    return { ...(await readLocalStageFile(path)).environment };
  } catch (error) {
    throw new StageSettingsError((error as Error).message, { cause: error });
  }
}
