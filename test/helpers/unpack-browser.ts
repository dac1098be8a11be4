/**
 * Vitest global setup: unpacks the page tests' npm Chromium once, before the test files start in
 * parallel workers, so no two of them unpack it at the same moment (the package writes straight
 * to the final path, and a second process would find and run a half-written browser). Failing
 * here would stop every test, so a failure is left to the page tests, which report it.
 */
import { BROWSER_OVERRIDE, npmChromiumRuns, unpackNpmChromium } from './browser.js';

export async function setup(): Promise<void> {
  if (process.env[BROWSER_OVERRIDE] || !npmChromiumRuns()) return;
  try {
    await unpackNpmChromium();
  } catch {
    // The page tests unpack again and fail with the reason and what to do.
  }
}
