import { defineConfig } from 'vitest/config';

// Integration tests start real local servers (engine simulator, dynalite, Step Functions stub)
// on loopback ports, so they get generous timeouts; each file is isolated in its own worker.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
  },
});
