import { describe, expect, it } from 'vitest';
import { handlerEnvironment } from '../../../src/local/stack/handler-env.js';

const INPUT = {
  engine: { apiUrl: 'http://127.0.0.1:8443/ovirt-engine/api', username: 'admin@internal', password: 'local-password' },
  sfnEndpoint: 'http://127.0.0.1:4001',
  dynamodbEndpoint: 'http://127.0.0.1:4002',
  requeueSeconds: 2,
  buildFolder: 'node_modules/.cache/opj-build',
};

describe('handlerEnvironment', () => {
  it('issue 10 #3: passes every OVIRT_* tuning variable of the caller on to the handlers, OVIRT_MAX_RESPONSE_BYTES included', () => {
    // Prepare
    const base = { OVIRT_TIMEOUT_MS: '2500', OVIRT_MAX_RESPONSE_BYTES: '1048576', OVIRT_HEADERS: '{"X-Lab":"1"}', OVIRT_ALLOW_HTTP: 'true' };

    // Act
    const env = handlerEnvironment({ ...INPUT, base });

    // Assess
    expect(env).toMatchObject(base);
  });

  it('passes on nothing else of the caller, so real AWS credentials never reach the handlers', () => {
    // Prepare
    const base = { PATH: '/usr/bin', AWS_ACCESS_KEY_ID: 'AKIA-REAL', AWS_PROFILE: 'prod', OVIRT_PASSWORD: 'from-the-shell' };

    // Act
    const env = handlerEnvironment({ ...INPUT, base });

    // Assess
    expect(env.PATH).toBe('/usr/bin');
    expect(env.AWS_ACCESS_KEY_ID).toBe('local');
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.OVIRT_PASSWORD).toBe('local-password');
  });
});
