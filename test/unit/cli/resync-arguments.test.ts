import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/command.js';
import { resyncCommand } from '../../../src/cli/commands/resync.js';
import { runCommand } from '../../helpers/cli.js';

describe('resync arguments', () => {
  it('issue 11 (--stage local, the demo thumbnail workflow): an Express execution ARN is refused with why, not called "not an execution ARN"', async () => {
    // Prepare
    const arn = 'arn:aws:states:eu-west-1:482913557106:express:image-thumbnails:photo-2041:52ca7c79-dfc4-4889-a11b-11b42c7fd8d0';

    // Act
    const error = await runCommand(resyncCommand, [arn], { env: {} }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^Express execution\(s\): .*photo-2041.* Step Functions keeps no history of an Express execution/);
  });

  it('still calls a malformed ARN not an execution ARN', async () => {
    // Act
    const error = await runCommand(resyncCommand, ['arn:aws:states:eu-west-1:1:stateMachine:x'], { env: {} }).catch((caught: unknown) => caught);

    // Assess
    expect((error as Error).message).toMatch(/^Not an execution ARN: /);
  });
});
