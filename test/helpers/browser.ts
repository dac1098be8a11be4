/**
 * Headless Chromium for the page tests, driven by playwright-core. The browser comes from an npm
 * dependency (@sparticuz/chromium: a Linux x64 Chromium build, unpacked on first use into the
 * system temp folder), so `npm ci && npm test` needs no system package and downloads nothing.
 * CHROMIUM_PATH points the tests at another browser instead (a local Chrome on macOS, Debian's
 * chromium). Where neither works the launch fails with a message saying what to do; page tests
 * never skip.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import npmChromium from '@sparticuz/chromium';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** The environment variable that names a browser executable to use instead of the npm one. */
export const BROWSER_OVERRIDE = 'CHROMIUM_PATH';

// The machines that run the tests have no outside network: without the background-networking
// flags Chromium keeps trying to reach Google's hosts. Running as root (CI) needs --no-sandbox.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const PACKAGE = '@sparticuz/chromium';

type BrowserSource = {
  executablePath: string;
  /** Extra environment for the browser process. */
  env: Record<string, string>;
  /** Says where the browser came from, for error messages. */
  origin: string;
  /** The Chromium major version this browser must have, when the source declares one. */
  expectedMajor?: number;
};

/** Where the tests run: the environment and the machine's platform and architecture. */
export type BrowserHost = { env: NodeJS.ProcessEnv; platform: NodeJS.Platform; arch: string };

const THIS_HOST: BrowserHost = { env: process.env, platform: process.platform, arch: process.arch };

/** True where the npm Chromium can run: its build is Linux x64 only. */
export function npmChromiumRuns(host: BrowserHost = THIS_HOST): boolean {
  return host.platform === 'linux' && host.arch === 'x64';
}

/**
 * unpackNpmChromium unpacks the npm Chromium into the temp folder (once: later calls find it there)
 * and returns the executable's path. Two processes unpacking at the same moment would hand one of
 * them a half-written file, so the test run does it once up front (test/helpers/unpack-browser.ts).
 */
export async function unpackNpmChromium(): Promise<string> {
  return npmChromium.executablePath();
}

/**
 * launchChromium starts headless Chromium from CHROMIUM_PATH when set, else from the npm package;
 * it throws an error saying what to do when the browser cannot be found or does not start.
 */
export async function launchChromium(host: BrowserHost = THIS_HOST): Promise<Browser> {
  const source = await browserSource(host);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: source.executablePath, args: CHROMIUM_ARGS, env: { ...host.env, ...source.env } });
  } catch (error) {
    throw new Error(
      `Chromium (${source.origin}) did not start: ${(error as Error).message}\n` +
        (source.expectedMajor === undefined
          ? `Check that ${BROWSER_OVERRIDE} names a Chrome or Chromium executable.`
          : `If an earlier run was stopped while unpacking it, delete ${source.executablePath} and run the tests again; ` +
            `or set ${BROWSER_OVERRIDE} to a local Chrome or Chromium.`),
      { cause: error },
    );
  }
  const version = browser.version();
  if (source.expectedMajor !== undefined && Number.parseInt(version, 10) !== source.expectedMajor) {
    await browser.close();
    // The package unpacks only when nothing is at that path, so an upgrade would go on testing with the old browser.
    throw new Error(
      `The Chromium unpacked at ${source.executablePath} is version ${version}, but ${PACKAGE} ` +
        `${source.expectedMajor} is installed: it was left by an older install. Delete ${source.executablePath} and run the tests again.`,
    );
  }
  return browser;
}

async function browserSource(host: BrowserHost): Promise<BrowserSource> {
  const override = host.env[BROWSER_OVERRIDE];
  if (override !== undefined && override !== '') {
    // Checked here: a launch of a missing file would also leave Playwright's empty profile folders behind.
    if (!existsSync(override)) {
      throw new Error(`${BROWSER_OVERRIDE} names ${override}, which does not exist. Set it to a Chrome or Chromium executable, or unset it to use ${PACKAGE}.`);
    }
    return { executablePath: override, env: {}, origin: `${BROWSER_OVERRIDE}=${override}` };
  }
  if (!npmChromiumRuns(host)) {
    throw new Error(
      `The page tests' browser comes from ${PACKAGE}, which is built for Linux x64 only (this is ${host.platform} ${host.arch}). ` +
        `Point the tests at a local Chrome or Chromium with ${BROWSER_OVERRIDE}, e.g. on macOS: ` +
        `${BROWSER_OVERRIDE}="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test`,
    );
  }
  const executablePath = await unpackNpmChromium();
  return {
    executablePath,
    env: { FONTCONFIG_FILE: bundledFontsConfig(dirname(executablePath)) },
    origin: `${PACKAGE}, unpacked at ${executablePath}`,
    expectedMajor: npmChromiumMajor(),
  };
}

/**
 * The package unpacks Open Sans beside the browser. A fontconfig file that adds that folder to the
 * system's fonts means text renders even on a machine with no font installed, and looks as in any
 * local browser where the system has fonts (symbols, and emoji where an emoji font is installed).
 * The package's own fonts.conf names /tmp/fonts and no system font, so the tests write their own;
 * it goes in by rename, so a test file starting at the same moment never reads half a file.
 */
function bundledFontsConfig(unpackedDir: string): string {
  const fonts = join(unpackedDir, 'fonts');
  const file = join(fonts, 'page-tests-fonts.conf');
  const xml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  const partial = `${file}.${process.pid}`;
  writeFileSync(
    partial,
    '<?xml version="1.0"?>\n<fontconfig>\n' +
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' +
      `  <dir>${xml(fonts)}</dir>\n  <cachedir>${xml(join(fonts, 'cache'))}</cachedir>\n</fontconfig>\n`,
  );
  renameSync(partial, file);
  return file;
}

function npmChromiumMajor(): number {
  // The package's exports hide its package.json; its entry is build/esm/index.js inside the package.
  // The major of the package's version is the Chromium major it ships.
  const manifest = join(dirname(fileURLToPath(import.meta.resolve(PACKAGE))), '..', '..', 'package.json');
  return Number.parseInt((JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version, 10);
}
