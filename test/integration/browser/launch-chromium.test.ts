/**
 * The page tests' browser helper. Issue 10 §1: on a fresh machine the page tests stopped with
 * "Chromium was not found at /usr/bin/chromium", because only CI installed a system browser; they
 * now take Chromium from an npm dependency, with CHROMIUM_PATH as the override.
 */
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSER_OVERRIDE, launchChromium, unpackNpmChromium } from '../../helpers/browser.js';
import type { BrowserHost } from '../../helpers/browser.js';

const linux = (env: NodeJS.ProcessEnv): BrowserHost => ({ env, platform: 'linux', arch: 'x64' });
const withoutOverride = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env[BROWSER_OVERRIDE];
  return env;
};

describe('launchChromium', () => {
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('issue 10 §1: renders a page with the npm Chromium, no system browser needed', async () => {
    // Prepare
    const host = linux(withoutOverride());
    // Act
    browser = await launchChromium(host);
    const page = await browser.newPage();
    await page.setContent('<p id="greeting">Deploy &lt;b&gt; release</p>');
    const shown = await page.locator('#greeting').textContent();
    // Assess
    expect(shown).toBe('Deploy <b> release');
  });

  it(`uses the browser that ${BROWSER_OVERRIDE} names`, async () => {
    // Prepare
    const executable = await unpackNpmChromium();
    // Act
    browser = await launchChromium(linux({ ...withoutOverride(), [BROWSER_OVERRIDE]: executable }));
    // Assess
    expect(browser.version()).toMatch(/^\d+\./);
  });

  it(`says to check ${BROWSER_OVERRIDE} when it names no browser`, async () => {
    // Prepare
    const host = linux({ ...withoutOverride(), [BROWSER_OVERRIDE]: '/nonexistent/chrome' });
    // Act
    const launching = launchChromium(host);
    // Assess
    await expect(launching).rejects.toThrow(`${BROWSER_OVERRIDE} names /nonexistent/chrome, which does not exist`);
  });

  it(`says what it tried when ${BROWSER_OVERRIDE} names something that is not a browser`, async () => {
    // Prepare
    const host = linux({ ...withoutOverride(), [BROWSER_OVERRIDE]: process.execPath });
    // Act
    const launching = launchChromium(host);
    // Assess
    await expect(launching).rejects.toThrow(`Chromium (${BROWSER_OVERRIDE}=${process.execPath}) did not start`);
    await expect(launching).rejects.toThrow(`Check that ${BROWSER_OVERRIDE} names a Chrome or Chromium executable`);
  });

  it(`on macOS arm64, where the npm build cannot run, says how to point ${BROWSER_OVERRIDE} at a local Chrome`, async () => {
    // Prepare
    const host: BrowserHost = { env: withoutOverride(), platform: 'darwin', arch: 'arm64' };
    // Act
    const launching = launchChromium(host);
    // Assess
    await expect(launching).rejects.toThrow('built for Linux x64 only (this is darwin arm64)');
    await expect(launching).rejects.toThrow(`${BROWSER_OVERRIDE}="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test`);
  });
});
