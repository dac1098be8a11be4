/**
 * The oVirt password from SSM Parameter Store (SecureString, decrypted) or Secrets Manager (a
 * plain string, or JSON with a "password" field). Caching is Powertools Parameters': a
 * provider keeps the value in memory and fetches it again once it is older than
 * `maxAgeSeconds`, so a rotated password is picked up without a redeploy. The providers are
 * Powertools' BaseProvider over our own two SDK reads rather than its SSMProvider and
 * SecretsProvider, because those import both SDK clients statically, and a bundle hoists
 * such imports to module load: every cold start would load a client it never uses (and
 * functions with a plain password, two). Here the one client needed is imported on first use.
 * Errors name the secret and the failure, never the value.
 */
import { BaseProvider } from '@aws-lambda-powertools/parameters/base';
import type { SecretRef } from '../config/index.js';
import { ConfigError } from '../errors.js';

/** PasswordSource returns the password `ref` points at (cached; re-read when stale). */
export type PasswordSource = (ref: SecretRef) => Promise<string>;

/** SecretClientConfig is what the SDK clients may be given besides the region (tests: a local endpoint). */
export interface SecretClientConfig {
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** PasswordSourceOptions configures createPasswordSource. */
export interface PasswordSourceOptions {
  readonly region: string;
  readonly clientConfig?: SecretClientConfig;
}

/** A read password is used this long before it is fetched again, so a rotated one is in use within 5 minutes. */
const MAX_AGE_SECONDS = 300;

/** createPasswordSource returns a PasswordSource backed by Powertools Parameters providers. */
export function createPasswordSource(options: PasswordSourceOptions): PasswordSource {
  const clientConfig = { region: options.region, maxAttempts: 3, ...options.clientConfig };
  // Each SDK client is loaded and made on first use only, then kept for every later re-read.
  let ssm: Promise<(name: string) => Promise<string | undefined>> | undefined;
  let secrets: Promise<(id: string) => Promise<string | undefined>> | undefined;
  const providers = {
    ssm: new SecretValueProvider(async (name) => (await (ssm ??= ssmReader(clientConfig)))(name)),
    secretsmanager: new SecretValueProvider(async (id) => (await (secrets ??= secretsManagerReader(clientConfig)))(id)),
  };
  return async (ref) => {
    let value: string | undefined;
    try {
      value = (await providers[ref.service].get(ref.id, { maxAge: MAX_AGE_SECONDS })) as string | undefined;
    } catch (error) {
      // Powertools wraps the SDK's error (its name says what went wrong: ParameterNotFound, AccessDeniedException …).
      const cause = (error as Error).cause instanceof Error ? ((error as Error).cause as Error) : (error as Error);
      throw new ConfigError(
        'OVIRT_PASSWORD_SECRET',
        `could not read ${ref.service} secret "${ref.id}" (${cause.name}: ${cause.message}). ` +
          'Check that it exists in this region and that the function role may read (and decrypt) it.',
        { cause: error },
      );
    }
    if (value === undefined || value === '') {
      throw new ConfigError(
        'OVIRT_PASSWORD_SECRET',
        `${ref.service} secret "${ref.id}" holds no password: store the password as the value, or for Secrets Manager ` +
          'as JSON with a non-empty string "password" field.',
      );
    }
    return value;
  };
}

type ClientConfig = SecretClientConfig & { readonly region: string; readonly maxAttempts: number };

/** SecretValueProvider is a Powertools Parameters provider (cache, max age) over one read function. */
class SecretValueProvider extends BaseProvider {
  constructor(private readonly read: (name: string) => Promise<string | undefined>) {
    super({});
  }

  protected _get(name: string): Promise<string | undefined> {
    return this.read(name);
  }

  protected _getMultiple(): Promise<Record<string, unknown> | undefined> {
    return Promise.reject(new Error('The oVirt password is one value; nothing reads several.'));
  }
}

async function ssmReader(clientConfig: ClientConfig): Promise<(name: string) => Promise<string | undefined>> {
  const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
  const client = new SSMClient(clientConfig);
  return async (name) => (await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter?.Value;
}

/** The cache then holds the password itself, so a JSON secret is parsed once per read, not per invocation. */
async function secretsManagerReader(clientConfig: ClientConfig): Promise<(id: string) => Promise<string | undefined>> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient(clientConfig);
  return async (id) => passwordIn((await client.send(new GetSecretValueCommand({ SecretId: id }))).SecretString);
}

/** passwordIn takes the password from a secret's value: the string itself, or its JSON "password" field. */
function passwordIn(secret: unknown): string | undefined {
  if (typeof secret !== 'string') return undefined;
  if (!secret.trimStart().startsWith('{')) return secret;
  try {
    const parsed = JSON.parse(secret) as { password?: unknown };
    return typeof parsed.password === 'string' ? parsed.password : undefined;
  } catch {
    // Not JSON after all (a password may start with "{"): the string is the password.
    return secret;
  }
}
