// The partner's side of every example: a tiny web server that serves one example page under a
// strict CSP and mints Finlet sessions with @finlet/node. The secret key stays here; the browser
// only ever sees short-lived session tokens.
//
//   FINLET_GATEWAY=http://127.0.0.1:4400 FINLET_SECRET_KEY=fsk_… node server.mjs html
//
// (react and vue need `node build.mjs react` first; see README.md.)
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPartnerClient } from '@finlet/node';

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.map': 'application/json' };

/** The policy every example page is served with: no inline script or style, no eval. */
export function examplePolicy(gateway) {
  const origin = new URL(gateway).origin;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${origin}`,
    "img-src 'self' data:",
  ].join('; ');
}

/**
 * Starts the server for `example` (`html`, `react` or `vue`). Pages get `%FINLET_GATEWAY%`
 * replaced with the gateway's URL; `/finlet.js` is the drop-in bundle of @finlet/widgets;
 * `POST /api/finlet-session` mints a session for the (here: fixed) signed-in user.
 */
export async function startExampleServer(options) {
  const { example, gateway, host = '127.0.0.1', port = 3000 } = options;
  const secretKey = () => (typeof options.secretKey === 'function' ? options.secretKey() : options.secretKey);
  const finletDir =
    options.finletDir ?? dirname(createRequire(import.meta.url).resolve('@finlet/widgets/finlet.js'));
  // Built pages (react, vue) first, then the example's own files.
  const dirs = [...(options.dirs ?? [join(here, example, 'dist')]), join(here, example)];
  const policy = examplePolicy(gateway);

  async function file(path) {
    const [base, ...rest] = path === '/finlet.js' || path.startsWith('/finlet/') ? [finletDir] : dirs;
    for (const dir of [base, ...rest]) {
      const full = resolve(dir, `.${path}`);
      if (!full.startsWith(resolve(dir) + sep)) return null;
      try {
        return await readFile(full);
      } catch {}
    }
    return null;
  }

  async function mintSession() {
    const finlet = createPartnerClient({ gateway, secretKey: secretKey() });
    // Behind your own login: who the user is and what you know about them.
    const session = await finlet.embedSessions.create({
      userId: 'example-user-1',
      scenario: 'consumption',
      signals: { 'user.age': 34, 'user.verified': true, 'user.credit_tier': 'A' },
    });
    return { token: session.token, expiresAt: session.expiresAt };
  }

  const server = createServer(async (req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, {
        'content-type': type,
        'content-security-policy': policy,
        'cache-control': 'no-store',
      });
      res.end(body);
    };
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method === 'POST' && path === '/api/finlet-session') {
        return send(200, 'application/json', JSON.stringify(await mintSession()));
      }
      if (req.method !== 'GET') return send(405, 'text/plain', 'method not allowed');
      if (path === '/favicon.ico') return send(204, 'image/x-icon', '');
      const name = path === '/' ? '/index.html' : path;
      const type = TYPES[/\.[a-z]+$/.exec(name)?.[0] ?? ''];
      const body = type ? await file(name) : null;
      if (!body) return send(404, 'text/plain', 'not found');
      if (name.endsWith('.html'))
        return send(200, type, body.toString('utf8').replaceAll('%FINLET_GATEWAY%', gateway));
      return send(200, type, body);
    } catch (error) {
      console.error(error);
      send(500, 'text/plain', 'the example server failed; see its log');
    }
  });
  await new Promise((done) => server.listen(port, host, done));
  const url = `http://${host}:${server.address().port}`;
  return {
    url,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const example = process.argv[2] ?? 'html';
  const { FINLET_GATEWAY, FINLET_SECRET_KEY, PORT } = process.env;
  if (!FINLET_GATEWAY || !FINLET_SECRET_KEY) {
    console.error(
      'set FINLET_GATEWAY and FINLET_SECRET_KEY (a partner whose origins include http://localhost:3000)',
    );
    process.exit(1);
  }
  const server = await startExampleServer({
    example,
    gateway: FINLET_GATEWAY,
    secretKey: FINLET_SECRET_KEY,
    host: 'localhost',
    port: Number(PORT ?? 3000),
  });
  console.log(`the ${example} example: ${server.url}`);
}
