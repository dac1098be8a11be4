/**
 * loadPassword fetches the oVirt password from SSM Parameter Store (SecureString, decrypted)
 * or Secrets Manager (a plain string, or JSON with a "password" field). The SDK clients are
 * imported on demand so functions that use a plain password never load them.
 */
import { ConfigError } from '../errors.js';
import type { SecretRef } from '../config/index.js';

/** loadPassword resolves the secret's value; errors name the secret (never its value) and say what to check. */
export async function loadPassword(ref: SecretRef, region: string, signal?: AbortSignal): Promise<string> {
  try {
    const value = ref.service === 'ssm' ? await fromSsm(ref.id, region, signal) : await fromSecretsManager(ref.id, region, signal);
    if (value === undefined || value === '') throw new Error('the secret has no value');
    return value;
  } catch (cause) {
    throw new ConfigError(
      'OVIRT_PASSWORD_SECRET',
      `could not read ${ref.service} secret "${ref.id}" (${(cause as Error).name}: ${(cause as Error).message}). ` +
        'Check that it exists in this region and that the function role may read (and decrypt) it.',
      { cause },
    );
  }
}

async function fromSsm(name: string, region: string, signal?: AbortSignal): Promise<string | undefined> {
  const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
  const client = new SSMClient({ region, maxAttempts: 3 });
  const out = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }), { abortSignal: signal });
  return out.Parameter?.Value;
}

async function fromSecretsManager(id: string, region: string, signal?: AbortSignal): Promise<string | undefined> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region, maxAttempts: 3 });
  const out = await client.send(new GetSecretValueCommand({ SecretId: id }), { abortSignal: signal });
  const text = out.SecretString;
  if (text?.trimStart().startsWith('{')) {
    const parsed = JSON.parse(text) as { password?: unknown };
    return typeof parsed.password === 'string' ? parsed.password : undefined;
  }
  return text;
}
