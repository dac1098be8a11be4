/**
 * Option parsing of `npm start`: defaults, repeatable scenarios, number and URL checks, a real
 * engine's credentials, and mistakes that must fail with a usage error naming what to fix.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_BATCH_MS, DEFAULT_LOG_DUPLICATES, DEFAULT_MONITOR_PORT, DEFAULT_SPEED, DEFAULT_SWEEP_SECONDS, parseStackOptions, StackUsageError } from '../../../src/local/stack/options.js';

const usageError = (argv: string[], env: Record<string, string> = {}): StackUsageError => {
  try {
    parseStackOptions(argv, env);
  } catch (error) {
    if (error instanceof StackUsageError) return error;
    throw error;
  }
  throw new Error(`parseStackOptions accepted ${argv.join(' ')}`);
};

describe('parseStackOptions', () => {
  it('gives the embedded defaults for an empty command line', () => {
    // Prepare
    const argv: string[] = [];
    // Act
    const options = parseStackOptions(argv);
    // Assess
    expect(options).toEqual({
      scenarios: [],
      speed: DEFAULT_SPEED,
      ovirtUrl: undefined,
      sfnEndpoint: undefined,
      exitWhenDone: false,
      outage: false,
      port: DEFAULT_MONITOR_PORT,
      sweepSeconds: DEFAULT_SWEEP_SECONDS,
      settleSeconds: 60,
      verbose: false,
      logs: { enabled: true, batchMs: DEFAULT_LOG_BATCH_MS, duplicateProbability: DEFAULT_LOG_DUPLICATES, lossProbability: 0, seed: 1 },
    });
  });

  it('reads the log delivery options and --no-logs', () => {
    // Prepare
    const argv = ['--log-batch-ms', '150', '--log-duplicates', '0.5', '--log-loss', '0.02', '--log-seed', '42'];
    // Act
    const options = parseStackOptions(argv);
    const off = parseStackOptions(['--no-logs']);
    // Assess
    expect(options).toMatchObject({ logs: { enabled: true, batchMs: 150, duplicateProbability: 0.5, lossProbability: 0.02, seed: 42 } });
    expect(off).toMatchObject({ logs: { enabled: false } });
  });

  it('reads --outage, and refuses it with --exit-when-done (nothing would be mirrored to judge)', () => {
    // Act
    const options = parseStackOptions(['--outage']);
    // Assess
    expect(options).toMatchObject({ outage: true });
    expect(() => parseStackOptions(['--outage', '--exit-when-done'])).toThrow(/--outage mirrors nothing until you run backfill/);
  });

  it('reads every option, --scenario repeated', () => {
    // Prepare
    const argv = ['--scenario', 'map', '--scenario', 'release', '--speed', '2.5', '--port', '0', '--exit-when-done', '--sweep-seconds', '1', '--settle-seconds', '30', '--verbose'];
    // Act
    const options = parseStackOptions(argv);
    // Assess
    expect(options).toMatchObject({ scenarios: ['map', 'release'], speed: 2.5, port: 0, exitWhenDone: true, sweepSeconds: 1, settleSeconds: 30, verbose: true });
  });

  it('answers help for --help', () => {
    // Prepare
    const argv = ['--help', '--speed', '3'];
    // Act
    const options = parseStackOptions(argv);
    // Assess
    expect(options).toBe('help');
  });

  it.each([
    [['--speed', '0'], /--speed must be a number above 0/],
    [['--speed', 'fast'], /--speed must be a number above 0.*'fast'/],
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--port', '-1'], /--port/],
    [['--log-duplicates', '1.5'], /--log-duplicates must be a number from 0 to 1/],
    [['--log-loss', 'some'], /--log-loss must be a number from 0 to 1/],
    [['--log-batch-ms', '5'], /--log-batch-ms must be a whole number from 10/],
    [['--sweep-seconds', ''], /--sweep-seconds must be a number/],
    [['--spede', '3'], /Unknown option '--spede'/],
    [['start'], /Unexpected argument 'start'/],
    [['--ovirt-url', 'engine.example'], /--ovirt-url must be an http:\/\/ or https:\/\/ URL/],
    [['--sfn-endpoint', 'ftp://127.0.0.1:1'], /--sfn-endpoint must be an http:\/\/ or https:\/\/ URL/],
  ])('refuses %j with a message saying what is wrong', (argv, message) => {
    // Prepare
    const args = [...argv];
    // Act
    const error = usageError(args);
    // Assess
    expect(error.message).toMatch(message);
  });

  it('needs a real engine\'s credentials from the environment and names the missing ones', () => {
    // Prepare
    const argv = ['--ovirt-url', 'https://engine.example/ovirt-engine/api/'];
    // Act
    const missing = usageError(argv, { OVIRT_USERNAME: 'admin@internal' });
    const withPassword = parseStackOptions(argv, { OVIRT_USERNAME: 'admin@internal', OVIRT_PASSWORD: 'secret' });
    const withToken = parseStackOptions(argv, { OVIRT_TOKEN: 'token' });
    // Assess
    expect(missing.message).toMatch(/--ovirt-url needs OVIRT_PASSWORD in the environment/);
    expect(withPassword).toMatchObject({ ovirtUrl: 'https://engine.example/ovirt-engine/api' });
    expect(withToken).toMatchObject({ ovirtUrl: 'https://engine.example/ovirt-engine/api' });
  });

  it('keeps credentials out of URLs, and the password out of the message', () => {
    // Prepare
    const argv = ['--ovirt-url', 'https://admin:hunter2@engine.example/ovirt-engine/api'];
    // Act
    const error = usageError(argv, { OVIRT_USERNAME: 'admin@internal', OVIRT_PASSWORD: 'x' });
    // Assess
    expect(error.message).toMatch(/must not contain credentials/);
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses demo-only options together with another Step Functions endpoint', () => {
    // Prepare
    const argv = ['--sfn-endpoint', 'http://127.0.0.1:4566', '--exit-when-done'];
    // Act
    const error = usageError(argv);
    // Assess
    expect(error.message).toMatch(/drop them or drop --sfn-endpoint/);
  });
});
