import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/command.js';
import { resolveExecution } from '../../../src/operate/resolve-execution.js';
import type { HistoryReader } from '../../../src/ports.js';

/** A reader that must not be asked: an Express ARN is answered without a call. */
const UNUSED: HistoryReader = new Proxy({} as HistoryReader, {
  get: () => () => Promise.reject(new Error('Step Functions must not be asked')),
});

describe('resolveExecution', () => {
  it('issue 11 (--stage local, the demo thumbnail workflow): an Express execution ARN is refused with why and where its job is, not called "not an execution ARN"', async () => {
    // Prepare
    const arn = 'arn:aws:states:eu-west-1:482913557106:express:image-thumbnails:photo-2041:52ca7c79-dfc4-4889-a11b-11b42c7fd8d0';

    // Act
    const error = await resolveExecution(arn, [], UNUSED).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/is an Express execution\. .*keeps neither a description nor a history of Express executions/);
    expect((error as Error).message).toContain('"image-thumbnails › photo-2041"');
  });

  it('takes a Standard execution ARN as given', async () => {
    // Act
    const resolved = await resolveExecution('arn:aws:states:eu-west-1:482913557106:execution:build-and-deploy:checkout-api-main-3f9d2ab', [], UNUSED);

    // Assess
    expect(resolved.executionArn).toBe('arn:aws:states:eu-west-1:482913557106:execution:build-and-deploy:checkout-api-main-3f9d2ab');
  });
});
