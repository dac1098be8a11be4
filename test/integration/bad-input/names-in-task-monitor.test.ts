/**
 * Hostile names through the whole product and into the task monitor: markup, quotes,
 * ampersands, pre-escaped entities and emoji in execution and state names, a 10,000-character
 * state name, control characters and a lone surrogate. Each must show literally (no double
 * escaping, no element injected) in the simulator's state JSON, in the task-monitor page
 * rendered by headless Chromium, and in the engine's XML — which other oVirt clients (the
 * Python SDK, Ansible) read, so it must stay well-formed XML 1.0.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../helpers/browser.js';
import { SIM_USER } from '../../helpers/local-parts.js';
import type { CorpusParts } from './corpus-parts.js';
import { startCorpusParts } from './corpus-parts.js';
import { renamedRecording } from './renamed-recording.js';

const EXECUTION = `rel<b>&"'🚀-${Date.now().toString(36)}`;
const STATES = {
  PrepareBuild: `Prepare <b>"build"</b> & 'sign' 🚀`,
  RunBuild: '<img src=x onerror="document.title=1">',
  DeployService: 'Deploy &amp; &lt;release&gt; ]]> <!-- -->',
  Done: 'D'.repeat(10_000),
};
const CONTROL_EXECUTION = `control-${Date.now().toString(36)}`;
const CONTROL_STATES = { PrepareBuild: 'Bell\u0007Tab\tNul\u0000End', RunBuild: 'Half\uD800Pair', DeployService: 'Deploy', Done: 'Done' };

type PageStep = { description: string; children: PageStep[] };
type PageJob = { id: string; description: string; steps: PageStep[] };

const flatten = (steps: readonly PageStep[]): string[] => steps.flatMap((step) => [step.description, ...flatten(step.children)]);

describe('hostile names in the task monitor', () => {
  let corpus: CorpusParts;
  let browser: Browser;
  let page: Page;
  let jobId: string;
  let controlJobId: string;

  const mirror = async (name: string, states: Record<string, string>): Promise<string> => {
    const { parts } = corpus;
    const recording = renamedRecording(name, states);
    parts.sfn.addExecution(recording, { revealed: 0 });
    const events: unknown[] = [];
    const stop = parts.sfn.onStatusChange((event) => void events.push(event));
    parts.sfn.reveal(recording.description.executionArn, 'all');
    stop();
    const outcome = await parts.onEvent(events[events.length - 1]);
    expect(outcome.kind).toBe('converged');
    const job = parts.engine.state.jobs().find((candidate) => candidate.description.endsWith(name));
    if (job === undefined) throw new Error(`No job was mirrored for ${name}`);
    return job.id;
  };

  const pageJob = async (id: string): Promise<PageJob> => {
    const answer = await request(`${corpus.parts.engine.url}/__sim/state`, { dispatcher: new Agent({ connect: { ca: corpus.parts.engine.caPem } }) });
    const state = (await answer.body.json()) as { jobs: PageJob[] };
    const job = state.jobs.find((candidate) => candidate.id === id);
    if (job === undefined) throw new Error(`Job ${id} is not on the page state`);
    return job;
  };

  const engineXml = async (path: string): Promise<string> => {
    const dispatcher = new Agent({ connect: { ca: corpus.parts.engine.caPem } });
    const form = new URLSearchParams({ grant_type: 'password', scope: 'ovirt-app-api', username: SIM_USER.name, password: SIM_USER.password });
    const login = await request(`${corpus.parts.engine.url}/ovirt-engine/sso/oauth/token`, {
      method: 'POST',
      dispatcher,
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const { access_token: token } = (await login.body.json()) as { access_token: string };
    const answer = await request(`${corpus.parts.engine.apiUrl}${path}`, { dispatcher, headers: { accept: 'application/xml', authorization: `Bearer ${token}` } });
    return answer.body.text();
  };

  beforeAll(async () => {
    corpus = await startCorpusParts();
    jobId = await mirror(EXECUTION, STATES);
    controlJobId = await mirror(CONTROL_EXECUTION, CONTROL_STATES);
    browser = await launchChromium();
    // The page is served by the simulator over TLS with its throw-away CA, which the browser does not know.
    page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await page.goto(`${corpus.parts.engine.url}/`);
    await page.waitForSelector(`[data-job-id="${jobId}"]`);
  });
  afterAll(async () => {
    await browser?.close();
    await corpus?.stop();
  });

  it('keeps markup, quotes, entities and emoji literal in the state JSON', async () => {
    // Act
    const job = await pageJob(jobId);

    // Assess
    expect(job.description).toBe(`build-and-deploy › ${EXECUTION}`);
    expect(flatten(job.steps).slice(0, 3)).toEqual([STATES.PrepareBuild, STATES.RunBuild, STATES.DeployService]);
  });

  it('cuts a 10,000-character state name to the description limit, keeping it recognisable', async () => {
    // Act
    const long = flatten((await pageJob(jobId)).steps)[3] ?? '';

    // Assess
    expect(Array.from(long)).toHaveLength(200);
    expect(long.startsWith('D'.repeat(150))).toBe(true);
    expect(long).toMatch(/…#[0-9a-f]{4}$/);
  });

  it('renders the same text in the task-monitor page, with no element injected', async () => {
    // Prepare
    const card = page.locator(`[data-job-id="${jobId}"]`);

    // Act
    const title = await card.locator('.job-description').textContent();
    const steps = await card.locator('.step-description').allTextContents();
    const injected = await card.locator('b, img, script').count();

    // Assess
    expect(title).toBe(`build-and-deploy › ${EXECUTION}`);
    expect(steps.slice(0, 3)).toEqual([STATES.PrepareBuild, STATES.RunBuild, STATES.DeployService]);
    expect(injected).toBe(0);
    expect(await page.title()).not.toBe('1');
  });

  it('gives XML clients of the engine well-formed XML that decodes to the same text', async () => {
    // Act
    const xml = await engineXml(`/jobs/${jobId}/steps`);
    const parsed = new XMLParser({ processEntities: true, htmlEntities: false }).parse(xml) as { steps: { step: Array<{ description: string }> } };

    // Assess
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parsed.steps.step.map((step) => step.description)).toEqual(expect.arrayContaining([STATES.PrepareBuild, STATES.RunBuild, STATES.DeployService]));
  });

  it('replaces control characters and lone surrogates, so the engine never holds text XML 1.0 cannot carry', async () => {
    // Act
    const steps = flatten((await pageJob(controlJobId)).steps);
    const xml = await engineXml(`/jobs/${controlJobId}/steps`);

    // Assess
    expect(steps.slice(0, 2)).toEqual(['Bell Tab Nul End', 'Half\uFFFDPair']);
    expect(XMLValidator.validate(xml)).toBe(true);
  });
});
