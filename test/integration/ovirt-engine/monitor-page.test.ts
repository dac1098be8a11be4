/**
 * The task-monitor page rendered in headless Chromium: jobs newest first, steps as a nested
 * tree in `number` order, literal text for names with markup, quotes and emoji, live
 * refresh. Saves the screenshot the README shows (docs/images/task-monitor.png).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OvirtEngineSimulator } from '../../../src/local/ovirt-engine/index.js';
import { launchChromium } from '../../helpers/browser.js';
import { action, addJob, addStep, login, startSim } from './support.js';

// The README's picture is refreshed only on request (UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean.
const SCREENSHOT = fileURLToPath(
  new URL(process.env.UPDATE_SCREENSHOTS === '1' ? '../../../docs/images/task-monitor.png' : '../../artifacts/task-monitor.png', import.meta.url),
);
const TRICKY = `Deploy <b>&"' release 🚀`;

describe('task-monitor page', () => {
  let sim: OvirtEngineSimulator;
  let browser: Browser;
  let page: Page;
  let token: string;
  let trickyJob: string;
  const steps: Record<string, string> = {};

  beforeAll(async () => {
    sim = await startSim();
    token = await login(sim);
    const done = await addJob(sim, token, 'json', { description: 'sfn order-pipeline #41: nightly backup' });
    for (const name of ['ValidateInput', 'BackupDatabase', 'Notify']) {
      const id = await addStep(sim, token, 'json', done, { description: name, type: 'executing' });
      await action(sim, token, 'json', `/jobs/${done}/steps/${id}/end`, { succeeded: true });
    }
    await action(sim, token, 'json', `/jobs/${done}/end`, { succeeded: true });
    trickyJob = await addJob(sim, token, 'json', { description: TRICKY });
    steps.validate = await addStep(sim, token, 'json', trickyJob, { description: 'Validate', type: 'validating' });
    steps.map = await addStep(sim, token, 'json', trickyJob, { description: 'ProcessItems (Map)', type: 'executing' });
    steps.item0 = await addStep(sim, token, 'json', trickyJob, { description: 'item 0', type: 'executing', parent_step: { id: steps.map } });
    steps.item1 = await addStep(sim, token, 'json', trickyJob, { description: 'item 1 <i>"quoted"</i> & more', type: 'executing', parent_step: { id: steps.map } });
    steps.deep = await addStep(sim, token, 'json', trickyJob, { description: 'retry of item 1', type: 'executing', parent_step: { id: steps.item1 } });
    await action(sim, token, 'json', `/jobs/${trickyJob}/steps/${steps.validate}/end`, { succeeded: true });
    await action(sim, token, 'json', `/jobs/${trickyJob}/steps/${steps.item0}/end`, { succeeded: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    await page.goto(`${sim.url}/`);
    await page.waitForSelector(`[data-job-id="${trickyJob}"]`);
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.stop();
  });

  it('lists jobs newest first, internal ones included', async () => {
    // Prepare
    const expected = sim.state.jobs().map((job) => job.id).reverse();
    // Act
    const shown = await page.locator('section.job').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-job-id')));
    // Assess
    expect(shown).toEqual(expected);
  });

  it('shows names literally: markup, quotes, ampersands and emoji, no element injected, no double escaping', async () => {
    // Prepare
    const card = page.locator(`[data-job-id="${trickyJob}"]`);
    // Act
    const title = await card.locator('.job-description').textContent();
    const injected = await card.locator('b, i').count();
    const stepText = await card.locator(`[data-step-id="${steps.item1}"] > .row .step-description`).textContent();
    // Assess
    expect(title).toBe(TRICKY);
    expect(injected).toBe(0);
    expect(stepText).toBe('item 1 <i>"quoted"</i> & more');
  });

  it('renders steps as a nested tree in number order with status labels', async () => {
    // Prepare
    const card = page.locator(`[data-job-id="${trickyJob}"]`);
    // Act
    const top = await card.locator(':scope > ul.steps > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step-id')));
    const children = await card.locator(`[data-step-id="${steps.map}"] > ul.steps > li`).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step-id')));
    const grandchildren = await card.locator(`[data-step-id="${steps.item1}"] > ul.steps > li`).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step-id')));
    const labels = await card.locator(`[data-step-id="${steps.validate}"] > .row .badge`).textContent();
    // Assess
    expect(top).toEqual([steps.validate, steps.map]);
    expect(children).toEqual([steps.item0, steps.item1]);
    expect(grandchildren).toEqual([steps.deep]);
    expect(labels).toBe('FINISHED');
    expect(await card.locator(':scope > .head .badge').textContent()).toBe('STARTED');
  });

  it('refreshes live: a step added over the API appears without reloading', async () => {
    // Prepare
    const card = page.locator(`[data-job-id="${trickyJob}"]`);
    // Act
    const late = await addStep(sim, token, 'xml', trickyJob, { description: 'Finalize', type: 'finalizing' });
    await card.locator(`[data-step-id="${late}"]`).waitFor({ timeout: 5000 });
    // Assess
    expect(await card.locator(`[data-step-id="${late}"] .step-description`).first().textContent()).toBe('Finalize');
  });

  it('saves the screenshot shown in the README', async () => {
    // Prepare
    mkdirSync(fileURLToPath(new URL('.', `file://${SCREENSHOT}`)), { recursive: true });
    // Act
    const image = await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // Assess
    expect(image.subarray(1, 4).toString()).toBe('PNG');
  });
});
