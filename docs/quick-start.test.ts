// The quick start as a newcomer follows it: its own shell commands run the real CLI (`finlet dev`
// kept running, `finlet partners create` beside it on the same SQLite database), its session snippet
// runs with the printed secret key, and its page, served from the registered origin under the CSP it
// recommends, shows offers in Chromium. A renamed script, flag or default breaks this test.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CHROMIUM_FLAGS } from '@finlet/testing/browser';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const guide = readFileSync(join(root, 'docs/guides/quick-start.md'), 'utf8');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  packageManager: string;
  scripts: Record<string, string>;
};
/** What the guide calls the gateway of `finlet dev`. */
const GUIDE_GATEWAY = 'http://127.0.0.1:4400';

/** Words of a shell command line: quotes, backslash-newline continuations, `&&` as its own word. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '\n') {
      i++;
    } else if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed quote in ${text}`);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** One shell block as commands (split at `&&`). */
function commands(block: string): string[][] {
  const all: string[][] = [[]];
  for (const word of shellWords(block)) {
    if (word === '&&') all.push([]);
    else all.at(-1)!.push(word);
  }
  return all.filter((c) => c.length > 0);
}

/**
 * `npx -y pnpm@<version> <script> args…` as the argv of `node`: the root script's last step must be
 * the CLI (`node packages/cli/bin/finlet.js …`), run here without the build `pnpm build` already did.
 * `null` for `pnpm install` (the workspace is installed).
 */
function nodeArgv(command: string[]): string[] | null {
  const [npx, yes, pnpm, script, ...args] = command;
  expect([npx, yes, pnpm], command.join(' ')).toEqual(['npx', '-y', rootPackage.packageManager]);
  if (script === 'install') return null;
  const body = rootPackage.scripts[script!];
  if (!body) throw new Error(`the quick start runs \`pnpm ${script}\`, which package.json does not define`);
  const [node, bin, ...rest] = shellWords(body.split('&&').at(-1)!);
  expect([node, bin], `pnpm ${script} runs the CLI`).toEqual(['node', 'packages/cli/bin/finlet.js']);
  return [join(root, bin!), ...rest, ...args];
}

/** The value after `flag` in argv, replaced. */
function replaceFlag(argv: string[], flag: string, value: (old: string) => string): string[] {
  const at = argv.indexOf(flag);
  if (at < 0 || at + 1 >= argv.length) throw new Error(`the quick start no longer passes ${flag}`);
  return argv.map((word, i) => (i === at + 1 ? value(word) : word));
}

/** An environment with no FINLET_* variables of the developer's shell leaking in. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('FINLET_')) env[key] = value;
  return env;
}

const sh = [...guide.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => commands(m[1]!));
const jsSnippet = /^```js runnable\n([\s\S]*?)^```$/m.exec(guide)?.[1];
const htmlSnippet = /^```html runnable\n([\s\S]*?)^```$/m.exec(guide)?.[1];
/** Files the page names: a js/css block whose first line is a comment with a path. */
const companions = new Map(
  [
    ...guide.matchAll(/^```(?:js|javascript|css)\n(?:\/\/|\/\*) (\/[\w./-]+)(?: \*\/)?\n([\s\S]*?)^```$/gm),
  ].map((m) => [m[1]!, m[2]!] as const),
);
/** The policy the guide says works as is. */
const guideCsp = /policy is `([^`]+)`/.exec(guide)?.[1]?.replace(/\s+/g, ' ');

describe('the quick start, followed on a fresh checkout', () => {
  let dir: string;
  let dev: ChildProcess | undefined;
  let devOutput = '';
  let gateway = '';
  let server: Server;
  let origin = '';
  let browser: Browser | undefined;
  let secretKey = '';
  let session: { token: string; expiresAt: string } | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'finlet-quick-start-'));
    // The page server; its origin is what step 2 registers.
    server = createServer((req, res) => {
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, {
          'content-type': type,
          'content-security-policy': guideCsp!.replaceAll(GUIDE_GATEWAY, gateway),
          'cache-control': 'no-store',
        });
        res.end(body);
      };
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/api/finlet-session' && req.method === 'POST') {
        // Step 3's session, sent to the browser as the guide says: `{ token, expiresAt }`.
        if (!session) return send(503, 'text/plain', 'no session minted yet');
        return send(
          200,
          'application/json',
          JSON.stringify({ token: session.token, expiresAt: session.expiresAt }),
        );
      }
      if (path === '/') {
        return send(
          200,
          'text/html; charset=utf-8',
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My shop</title><link rel="icon" href="data:,"></head><body>\n${htmlSnippet!.replaceAll(GUIDE_GATEWAY, gateway)}</body></html>`,
        );
      }
      const file = companions.get(path);
      if (file !== undefined) {
        return send(
          200,
          path.endsWith('.css') ? 'text/css' : 'text/javascript',
          file.replaceAll(GUIDE_GATEWAY, gateway),
        );
      }
      send(404, 'text/plain', 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dev && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev!.once('exit', resolve));
      dev.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (dev.exitCode === null) dev.kill('SIGKILL');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the steps of the guide', () => {
    expect(sh.length).toBeGreaterThanOrEqual(2);
    expect(jsSnippet, 'a js runnable snippet').toBeDefined();
    expect(htmlSnippet, 'an html runnable snippet').toBeDefined();
    expect(guideCsp, 'the recommended policy').toBeDefined();
  });

  // Every command runs in a fresh directory standing in for the clone's root: relative paths
  // (`.finlet/dev`) resolve there, as they would in a new checkout.
  it('1. runs the gateway and it says it is ready', async () => {
    const argvs = sh[0]!.map(nodeArgv).filter((a) => a !== null);
    expect(argvs.length, 'step 1 starts one process').toBe(1);
    // `finlet dev` on a free port and without the demo sites; everything else as the guide says.
    const argv = [...argvs[0]!, '--port', '0', '--demo-ports', 'off'];
    expect(argv.slice(1, 2)).toEqual(['dev']);
    const child = spawn(process.execPath, argv, {
      cwd: dir,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev = child;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      devOutput += chunk;
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      devOutput += chunk;
    });
    await expect
      .poll(
        () => {
          if (child.exitCode !== null)
            throw new Error(`finlet dev exited with ${child.exitCode}:\n${devOutput}`);
          return /^Demo sites: /m.test(devOutput);
        },
        { timeout: 60_000, interval: 100, message: `finlet dev is ready:\n${devOutput}` },
      )
      .toBe(true);
    gateway = /Finlet dev gateway +(http:\/\/\S+)/.exec(devOutput)![1]!;
    // Where the guide says it listens, but on the free port.
    expect(gateway).toMatch(new RegExp(`^${new URL(GUIDE_GATEWAY).origin.replace(/:\d+$/, '')}:\\d+$`));
    expect(devOutput, 'an admin key per role').toMatch(/Admin keys/);
    expect(devOutput, "the demo partners' keys").toMatch(/secret key fsk_/);
  }, 90_000);

  it('2. registers the page as a partner while the gateway runs', async () => {
    expect(gateway, 'step 1 ran').not.toBe('');
    const argvs = sh[1]!.map(nodeArgv).filter((a) => a !== null);
    expect(argvs.length, 'step 2 runs one command').toBe(1);
    expect(argvs[0]!.slice(1, 3)).toEqual(['partners', 'create']);
    expect(argvs[0], 'step 2 asks for JSON').toContain('--json');
    // The guide's origin with the page server's port.
    const argv = replaceFlag(argvs[0]!, '--origin', (guideOrigin) => {
      const url = new URL(guideOrigin);
      url.port = String((server.address() as AddressInfo).port);
      origin = url.origin;
      return origin;
    });
    // The guide's --data-dir must be where `finlet dev` keeps its database.
    const dataDir = argv[argv.indexOf('--data-dir') + 1]!;
    expect(devOutput, 'step 2 points at the data dir of step 1').toContain(
      `data              ${join(dir, dataDir)} `,
    );
    const { stdout } = await promisify(execFile)(process.execPath, argv, { cwd: dir, env: cleanEnv() }).catch(
      (error: { stderr?: string; message: string }) => {
        throw new Error(`step 2 failed: ${error.stderr || error.message}`);
      },
    );
    const created = JSON.parse(stdout) as { secretKey: string; partner: { origins: string[] } };
    expect(created.partner.origins).toEqual([origin]);
    expect(created.secretKey).toMatch(/^fsk_/);
    secretKey = created.secretKey;
  }, 60_000);

  it('3. mints a session with the printed secret key', async () => {
    expect(secretKey, 'step 2 ran').not.toBe('');
    // As docs.test.ts runs runnable snippets; the session it mints is what the page server sends.
    const file = join(dir, 'mint-session.mjs');
    writeFileSync(file, `${jsSnippet}\nexport { session };\n`);
    const saved = { ...process.env };
    Object.assign(process.env, { FINLET_GATEWAY: gateway, FINLET_SECRET_KEY: secretKey });
    try {
      ({ session } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
        session: { token: string; expiresAt: string };
      });
    } finally {
      process.env = saved;
    }
    expect(session?.token).toBeTruthy();
  });

  it('4. shows offers on the page, under the policy the guide recommends', async () => {
    expect(session, 'step 3 ran').toBeDefined();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`http ${response.status()}: ${response.url()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`csp: ${e.violatedDirective} ${e.blockedURI}`),
      );
      document.addEventListener('finlet-error', (e) =>
        console.error(`finlet-error: ${JSON.stringify((e as CustomEvent).detail)}`),
      );
    });
    try {
      await page.goto(`${origin}/`);
      await expect
        .poll(
          () =>
            page.evaluate(
              () =>
                document.querySelector('finlet-offers')?.shadowRoot?.querySelectorAll('[part~="offer"]')
                  .length ?? 0,
            ),
          { timeout: 20_000, message: `<finlet-offers> lists offers (${problems.join('; ')})` },
        )
        .toBeGreaterThan(0)
        .catch(async (error: Error) => {
          const shown = await page.evaluate(
            () => document.querySelector('finlet-offers')?.shadowRoot?.innerHTML,
          );
          throw new Error(`${error.message}\n<finlet-offers> shows: ${shown}\n${problems.join('\n')}`);
        });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
