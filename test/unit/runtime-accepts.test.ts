import { describe, expect, it } from 'vitest';
import { acceptsStateMachine } from '../../src/runtime/accepts.js';

const SM = 'arn:aws:states:eu-west-1:482913557106:stateMachine:release-pipeline';

describe('acceptsStateMachine', () => {
  it.each([
    ['any machine with an empty allow-list', SM, [], false, true],
    ['a listed machine', SM, [SM], false, true],
    ['an unlisted machine', `${SM}-2`, [SM], false, false],
    ['a version-qualified ARN of a listed machine', `${SM}:7`, [SM], false, true],
    ['a Distributed Map child by default', `${SM}/regions`, [], false, false],
    ['a Distributed Map child when children are mirrored', `${SM}/regions`, [SM], true, true],
  ])('%s', (_name, arn, list, children, expected) => {
    // Act
    const accepted = acceptsStateMachine(arn, list, children);

    // Assess
    expect(accepted).toBe(expected);
  });
});
