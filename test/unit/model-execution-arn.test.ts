/**
 * parseExecutionArn: Standard, Express and Map Run child execution ARNs, and what they name.
 */
import { describe, expect, it } from 'vitest';
import { parseExecutionArn } from '../../src/model/execution-arn.js';

const PREFIX = 'arn:aws:states:eu-west-1:482913557106';

describe('parseExecutionArn', () => {
  it('reads a Standard execution', () => {
    expect(parseExecutionArn(`${PREFIX}:execution:release:release-42`)).toEqual({
      kind: 'standard',
      express: false,
      stateMachineArn: `${PREFIX}:stateMachine:release`,
      stateMachineName: 'release',
      name: 'release-42',
    });
  });

  it('reads an Express execution (name, then the UUID that makes it unique)', () => {
    expect(parseExecutionArn(`${PREFIX}:express:thumbnails:resize-42:0b7e5f0a-3c1d-4e8b-9f2a-6d4c8b1e2f3a`)).toEqual({
      kind: 'express',
      express: true,
      stateMachineArn: `${PREFIX}:stateMachine:thumbnails`,
      stateMachineName: 'thumbnails',
      name: 'resize-42',
    });
  });

  it('reads a Distributed Map child, Standard or Express', () => {
    expect(parseExecutionArn(`${PREFIX}:execution:release/Fanout:7c1e`)).toMatchObject({
      kind: 'map-run-child',
      express: false,
      stateMachineArn: `${PREFIX}:stateMachine:release/Fanout`,
    });
    expect(parseExecutionArn(`${PREFIX}:express:release/Fanout:7c1e:0b7e5f0a-3c1d-4e8b-9f2a-6d4c8b1e2f3a`)).toMatchObject({
      kind: 'map-run-child',
      express: true,
    });
  });

  it.each([
    ['a state machine ARN', `${PREFIX}:stateMachine:release`],
    ['an Express ARN without its UUID', `${PREFIX}:express:thumbnails:resize-42`],
    ['a Standard ARN with a trailing part', `${PREFIX}:execution:release:run:extra`],
    ['another service', 'arn:aws:lambda:eu-west-1:482913557106:function:f'],
    ['a short account', 'arn:aws:states:eu-west-1:4829:execution:release:run'],
    ['an empty name', `${PREFIX}:execution:release:`],
  ])('refuses %s', (_label, arn) => {
    expect(parseExecutionArn(arn)).toBeUndefined();
  });
});
