import { describe, expect, it } from 'vitest';
import { handlerEnvironment, localStageEnvironment } from '../../../src/local/stack/handler-env.js';

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

describe('localStageEnvironment (--stage local)', () => {
  const STAGE = { trackingTableName: 'opj-local-tracking', region: 'eu-west-1', sqsEndpoint: 'http://127.0.0.1:4003', deadLetterQueueUrl: 'http://127.0.0.1:4003/000000000000/dlq' };

  it('is the functions’ settings plus table, region and dead-letter queue, without process basics or the bundler’s folder', () => {
    // Prepare
    const handlers = handlerEnvironment({ ...INPUT, base: { PATH: '/usr/bin', HOME: '/home/me' }, stateMachineArns: 'arn:aws:states:eu-west-1:1:stateMachine:a' });

    // Act
    const env = localStageEnvironment(handlers, { ...STAGE, simulator: true });

    // Assess
    expect(env).toMatchObject({
      OVIRT_URL: INPUT.engine.apiUrl,
      OVIRT_PASSWORD: 'local-password',
      STATE_MACHINE_ARNS: 'arn:aws:states:eu-west-1:1:stateMachine:a',
      AWS_ENDPOINT_URL_SFN: INPUT.sfnEndpoint,
      AWS_ENDPOINT_URL_DYNAMODB: INPUT.dynamodbEndpoint,
      AWS_ENDPOINT_URL_SQS: STAGE.sqsEndpoint,
      DEAD_LETTER_QUEUE_URL: STAGE.deadLetterQueueUrl,
      TRACKING_TABLE_NAME: STAGE.trackingTableName,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(Object.keys(env)).not.toEqual(expect.arrayContaining(['PATH']));
    expect(env.HOME).toBeUndefined();
    expect(env.ESBUILD_WORK_FOLDER).toBeUndefined();
  });

  it('never holds a real engine’s password or token (only the simulator’s throwaway one)', () => {
    // Prepare
    const handlers = handlerEnvironment({ ...INPUT, engine: { ...INPUT.engine, token: 'real-token' }, base: {} });

    // Act
    const env = localStageEnvironment(handlers, { ...STAGE, simulator: false });

    // Assess
    expect(env.OVIRT_PASSWORD).toBeUndefined();
    expect(env.OVIRT_TOKEN).toBeUndefined();
    expect(env.OVIRT_USERNAME).toBe('admin@internal');
  });
});
