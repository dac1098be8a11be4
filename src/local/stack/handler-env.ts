/**
 * handlerEnvironment builds the complete environment of the serverless offline child, which
 * serverless offline hands to the handlers (`--localEnvironment`; the `local` stage params in
 * serverless.yml read OVIRT_URL, OVIRT_USERNAME, OVIRT_INSECURE, STATE_MACHINE_ARNS and
 * LOG_LEVEL from it). Nothing else of the caller's environment is passed on, so real AWS
 * credentials or profiles can never be picked up: the SDK gets dummy keys, endpoint URLs
 * pointing at the local parts, and no instance metadata lookups.
 */

/** EngineAccess says how the handlers reach oVirt. */
export interface EngineAccess {
  readonly apiUrl: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly token?: string | undefined;
  readonly caFile?: string | undefined;
  readonly insecure?: boolean | undefined;
}

/** HandlerEnvInput is everything the handlers need to know about this stack. */
export interface HandlerEnvInput {
  /** The caller's environment: only process basics (PATH, HOME, …) and OVIRT_* tuning are taken from it. */
  readonly base: Readonly<Record<string, string | undefined>>;
  readonly engine: EngineAccess;
  readonly sfnEndpoint: string;
  readonly dynamodbEndpoint: string;
  readonly requeueSeconds: number;
  /** Folder for serverless-esbuild's output, relative to the service directory. */
  readonly buildFolder: string;
  readonly stateMachineArns?: string | undefined;
}

const PROCESS_BASICS = ['PATH', 'HOME', 'USER', 'LANG', 'LC_ALL', 'TMPDIR', 'TMP', 'TEMP', 'SystemRoot', 'NODE_EXTRA_CA_CERTS'];
const OVIRT_TUNING = ['OVIRT_TIMEOUT_MS', 'OVIRT_MAX_RESPONSE_BYTES', 'OVIRT_HEADERS', 'OVIRT_ALLOW_HTTP'];

/** handlerEnvironment returns the child's environment (see the file comment). */
export function handlerEnvironment(input: HandlerEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...PROCESS_BASICS, ...OVIRT_TUNING]) {
    const value = input.base[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  const set = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') env[name] = value;
  };
  set('AWS_ACCESS_KEY_ID', 'local');
  set('AWS_SECRET_ACCESS_KEY', 'local');
  set('AWS_EC2_METADATA_DISABLED', 'true');
  set('AWS_ENDPOINT_URL_SFN', input.sfnEndpoint);
  set('AWS_ENDPOINT_URL_DYNAMODB', input.dynamodbEndpoint);
  set('OVIRT_URL', input.engine.apiUrl);
  set('OVIRT_USERNAME', input.engine.username);
  set('OVIRT_PASSWORD', input.engine.password);
  set('OVIRT_TOKEN', input.engine.token);
  set('OVIRT_CAFILE', input.engine.caFile);
  set('OVIRT_INSECURE', input.engine.insecure === true ? 'true' : undefined);
  set('REQUEUE_SECONDS', String(Math.max(1, Math.round(input.requeueSeconds))));
  set('LOG_LEVEL', input.base.LOG_LEVEL ?? 'WARN');
  set('STATE_MACHINE_ARNS', input.stateMachineArns);
  set('ESBUILD_WORK_FOLDER', input.buildFolder);
  set('NO_COLOR', '1');
  return env;
}

/** LocalStageInput is what the operator command needs besides the functions' environment. */
export interface LocalStageInput {
  readonly trackingTableName: string;
  readonly region: string;
  readonly sqsEndpoint: string;
  readonly deadLetterQueueUrl: string;
  /**
   * Whether the engine is the stack's own simulator: its password is a throwaway and may be
   * written to a local file; a real engine's password or token never is (export it instead).
   */
  readonly simulator: boolean;
}

/** Not configuration: what the child process needs to run, and the bundler's folder. */
const NOT_SETTINGS = new Set([...PROCESS_BASICS, 'ESBUILD_WORK_FOLDER', 'NO_COLOR']);

/**
 * localStageEnvironment is what `ovirt-pipeline-jobs --stage local` runs with: the functions'
 * environment (`handlerEnv`, less process basics), the values serverless.yml adds for the local
 * stage (table name, region), and the dead-letter queue, which only the command uses.
 */
export function localStageEnvironment(handlerEnv: Readonly<Record<string, string>>, input: LocalStageInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(handlerEnv)) {
    if (NOT_SETTINGS.has(name)) continue;
    if (!input.simulator && (name === 'OVIRT_PASSWORD' || name === 'OVIRT_TOKEN')) continue;
    env[name] = value;
  }
  env.TRACKING_TABLE_NAME = input.trackingTableName;
  env.AWS_REGION = input.region;
  env.AWS_ENDPOINT_URL_SQS = input.sqsEndpoint;
  env.DEAD_LETTER_QUEUE_URL = input.deadLetterQueueUrl;
  return env;
}
