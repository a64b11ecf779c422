import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser.js';

/**
 * A real `finlet dev` in a child process (built dist, temp data dir, free ports) and the demo sites it
 * starts, opened in Chromium: the journeys of the demo sites and the console.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/finlet.js');
/**
 * Where the journeys save each site's key screen. The README's copies in docs/screenshots are
 * refreshed only when asked (`FINLET_UPDATE_SCREENSHOTS=1`), so a test run leaves the checkout clean.
 */
export const SCREENSHOTS = process.env.FINLET_UPDATE_SCREENSHOTS
  ? join(ROOT, 'docs/screenshots')
  : mkdtempSync(join(tmpdir(), 'finlet-screenshots-'));

export interface DevRun {
  indexUrl: string;
  gatewayUrl: string;
  sites: Record<'tourism' | 'government' | 'consumption' | 'supply-chain', string>;
  browser: Browser;
  output(): string;
  stop(): Promise<void>;
}

/**
 * A fresh `finlet dev` child process (temp data dir, gateway and demo sites on free ports) and a
 * Chromium. Needs the built dist (`pnpm build`), as a developer running `finlet dev` would.
 */
export async function startDev(options: { args?: string[] } = {}): Promise<DevRun> {
  const dir = mkdtempSync(join(tmpdir(), 'finlet-demo-sites-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      BIN,
      'dev',
      '--port',
      '0',
      '--demo-ports',
      'ephemeral',
      '--data-dir',
      join(dir, 'dev'),
      ...(options.args ?? []),
    ],
    { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [, indexUrl] = await waitFor(child, () => out, /Demo sites \([^)]*\): (http:\/\/\S+)/);
    const gatewayUrl = /Finlet dev gateway +(http:\/\/\S+)/.exec(out)![1]!;
    const html = await (await fetch(indexUrl!)).text();
    const link = (name: string) =>
      new RegExp(`href="(http://127\\.0\\.0\\.1:\\d+/)"[^>]*>${name}`).exec(html)![1]!;
    const sites = {
      tourism: link('云游旅行'),
      government: link('政务通'),
      consumption: link('优选商城'),
      'supply-chain': link('链达供应链'),
    };
    const browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    return {
      indexUrl: indexUrl!,
      gatewayUrl,
      sites,
      browser,
      output: () => out,
      stop: async () => {
        await browser.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw new Error(`finlet dev did not start the demo sites: ${(error as Error).message}\n${out}`);
  }
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('FINLET_')) env[key] = value;
  return env;
}

function waitFor(child: ChildProcess, text: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = pattern.exec(text());
      if (match) {
        clearInterval(timer);
        resolve(match);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`exited with ${child.exitCode}`));
      }
    }, 50);
    setTimeout(() => {
      clearInterval(timer);
      reject(new Error('timed out'));
    }, 120_000);
  });
}

export interface OpenedSite {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors, CSP violations, failed requests and HTTP errors seen so far. */
  problems: string[];
}

export async function openSite(browser: Browser, url: string): Promise<OpenedSite> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    // The advisor's answer is a Server-Sent Events stream: the client stops reading it once the
    // final `done` event has arrived, which Chromium reports as an aborted request. Not a failure.
    if (error === 'net::ERR_ABORTED' && new URL(request.url()).pathname === '/v1/chat/messages') return;
    problems.push(`requestfailed: ${request.url()} ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`http ${response.status()}: ${response.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(url);
  return { page, context, problems };
}
