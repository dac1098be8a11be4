/**
 * What the configuration tests share: the smallest valid environment, and the error
 * loadConfig throws for an environment it refuses.
 */
import { loadConfig } from '../../../src/config/index.js';

/** BASE is the smallest environment loadConfig accepts. */
export const BASE = {
  TRACKING_TABLE_NAME: 'tracking',
  OVIRT_URL: 'https://engine.example/ovirt-engine/api',
  OVIRT_USERNAME: 'admin@internal',
  OVIRT_PASSWORD: 'secret-password',
};

/** errorOf returns what loadConfig throws for `env`, and fails the test when it does not throw. */
export function errorOf(env: Record<string, string>): Error {
  try {
    loadConfig(env);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected loadConfig to throw');
}
