/**
 * The demo as a newcomer sees it in the browser: the stack plays the release pipeline through
 * the real handlers, and headless Chromium shows its job in the simulator's task monitor with
 * the steps nested (Map iteration → Task → retried attempt). Saves the README picture
 * (docs/images/task-monitor-demo.png) when UPDATE_SCREENSHOTS=1, else under test/artifacts.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStackOptions } from '../../src/local/stack/options.js';
import { startStack } from '../../src/local/stack/stack.js';
import type { RunningStack, StackOutcome } from '../../src/local/stack/stack.js';
import { launchChromium } from '../helpers/browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCREENSHOT = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOTS === '1' ? '../../docs/images/task-monitor-demo.png' : '../artifacts/task-monitor-demo.png', import.meta.url),
);
const RELEASE_JOB = 'release-train › release-2.4.0';

describe('task monitor during the demo', () => {
  let stack: RunningStack;
  let outcome: StackOutcome;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const options = parseStackOptions(['--scenario', 'release', '--scenario', 'release-redrive', '--speed', '100', '--sweep-seconds', '2', '--port', '0', '--exit-when-done']);
    if (options === 'help') throw new Error('unexpected help');
    stack = await startStack(options, { out: { write: () => true }, env: { ...process.env, LOG_LEVEL: 'WARN' }, serviceDir: ROOT });
    outcome = await stack.finished;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
    await page.goto(stack.urls.taskMonitor);
    await page.locator('.job-description', { hasText: RELEASE_JOB }).first().waitFor({ timeout: 15_000 });
  }, 150_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('ends the run with every tree as expected', () => {
    // Prepare
    const verdicts = outcome.verdicts ?? [];
    // Act
    const failing = verdicts.filter((verdict) => verdict.differences.length > 0);
    // Assess
    expect(outcome.exitCode).toBe(0);
    expect(verdicts.map((verdict) => verdict.name)).toEqual(['release', 'release-redrive']);
    expect(failing).toEqual([]);
  });

  it('shows the release job with its steps nested: Map → iteration → Task → retried attempt', async () => {
    // Prepare
    const card = page.locator('section.job', { has: page.locator('.job-description', { hasText: new RegExp(`^${RELEASE_JOB}$`) }) });
    const row = (scope: ReturnType<Page['locator']>, text: string) => scope.locator(':scope > ul.steps > li', { has: page.locator(':scope > .row .step-description', { hasText: text }) });
    // Act
    const map = row(card, 'DeployToRegions');
    const iteration = row(map, 'Iteration 1');
    const deploy = row(iteration, 'DeployRegion');
    const attempt = row(deploy, 'Attempt 1 failed — Deployment.Throttled');
    const topLevel = await card.locator(':scope > ul.steps > li > .row .step-description').allTextContents();
    // Assess
    expect(await card.locator(':scope > .head .badge').textContent()).toBe('FINISHED');
    expect(topLevel).toEqual(['ValidateRelease', 'DeployToRegions', 'RunTestSuites', 'PromoteToProduction', 'NotifyRelease', 'ReleaseDone']);
    expect(await attempt.count()).toBe(1);
    expect(await attempt.locator(':scope > .row .badge').textContent()).toBe('FINISHED');
  });

  it('shows the failed run and its redrive as two jobs', async () => {
    // Prepare
    const descriptions = page.locator('section.job .job-description');
    // Act
    const shown = await descriptions.allTextContents();
    const failed = page.locator('section.job', { has: page.locator('.job-description', { hasText: /^release-train › release-2\.4\.1$/ }) });
    // Assess
    expect(shown).toEqual(expect.arrayContaining(['release-train › release-2.4.1', 'release-train › release-2.4.1 (redrive 1)']));
    expect(await failed.locator(':scope > .head .badge').textContent()).toBe('FAILED');
  });

  it('saves the screenshot', async () => {
    // Prepare
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    // Act
    const image = await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // Assess
    expect(image.subarray(1, 4).toString()).toBe('PNG');
  });
});
