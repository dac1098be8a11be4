/**
 * Headless Chromium for page tests, through playwright-core and the distribution's own
 * Chromium (no browser download). When Chromium is missing the caller fails with a message
 * saying how to install it; page tests never skip.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** CHROMIUM_PATH is where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** launchChromium starts headless Chromium, or throws an error saying how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. Page tests need Debian's chromium package: ` +
        'run `apt-get update && apt-get install -y chromium` (CI installs it), then run the tests again.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
