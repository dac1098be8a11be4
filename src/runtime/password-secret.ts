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
  /** How long a read value is used before it is fetched again (rotation). @default 300 */
  readonly maxAgeSeconds?: number;
  readonly clientConfig?: SecretClientConfig;
}

/** PASSWORD_MAX_AGE_SECONDS: a rotated password is in use at most this long after the rotation. */
export const PASSWORD_MAX_AGE_SECONDS = 300;

/** createPasswordSource returns a PasswordSource backed by Powertools Parameters providers. */
export function createPasswordSource(options: PasswordSourceOptions): PasswordSource {
  const maxAge = options.maxAgeSeconds ?? PASSWORD_MAX_AGE_SECONDS;
  const clientConfig = { region: options.region, maxAttempts: 3, ...options.clientConfig };
  const providers = {
    ssm: new SecretValueProvider((name) => readSsmParameter(name, clientConfig)),
    secretsmanager: new SecretValueProvider((id) => readSecretsManagerSecret(id, clientConfig)),
  };
  return async (ref) => {
    let value: string | undefined;
    try {
      const stored = await providers[ref.service].get(ref.id, { maxAge });
      value = ref.service === 'secretsmanager' ? passwordIn(stored) : (stored as string | undefined);
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

async function readSsmParameter(name: string, clientConfig: ClientConfig): Promise<string | undefined> {
  const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
  const out = await new SSMClient(clientConfig).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return out.Parameter?.Value;
}

async function readSecretsManagerSecret(id: string, clientConfig: ClientConfig): Promise<string | undefined> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const out = await new SecretsManagerClient(clientConfig).send(new GetSecretValueCommand({ SecretId: id }));
  return out.SecretString;
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
