import { configDefaults, defineConfig } from 'vitest/config';

// Integration tests start real local servers (engine simulator, dynalite, Step Functions stub)
// on loopback ports, so they get generous timeouts; each file is isolated in its own worker.
// Two projects split the same files: `unit` (pure code, seconds: `npm run test:unit`) and
// `integration` (everything else); `npm test` runs both, each file once.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Dummy credentials keep every SDK client off the real credential chain; nothing leaves loopback.
    env: {
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'eu-west-1',
      // EMF metric lines would flood the test output; metrics are counted all the same.
      POWERTOOLS_METRICS_DISABLED: 'true',
    },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          // The page tests' browser is unpacked once here, before the test files run in parallel.
          globalSetup: ['test/helpers/unpack-browser.ts'],
        },
      },
    ],
  },
});
