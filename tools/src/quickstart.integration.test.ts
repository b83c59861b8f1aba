/**
 * The README's quick start, tried as a new user would: a fresh clone of the committed tree,
 * `npm install && npm start`, nothing else. Wireup must come up on http://127.0.0.1:8080 with
 * Stripe, Kustomer and OpenAI installed, print its API token and editor sign-in link, serve the
 * editor and the pair pages, and stop on SIGTERM.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** The environment of a new user: no Wireup or CI settings carried over. */
function newUserEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(WIREUP_|KAFKA_|MONGODB_|STRIPE_|PORT$|HOST$|VITEST|NODE_ENV$|npm_|NX_)/.test(k)) env[k] = v;
  return env;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer()
      .once('error', () => done(false))
      .listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

describe('README quick start on a fresh clone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wireup-quickstart-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    // The whole process group: npm and the Wireup it started (a failed run must not leave Wireup holding 8080).
    if (child?.pid)
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    rmSync(dir, { recursive: true, force: true });
  });

  it('npm install && npm start brings up Wireup on the embedded default', async () => {
    expect(await portIsFree(8080), 'port 8080 must be free for the quick start').toBe(true);
    execFileSync('git', ['clone', '--quiet', root, dir]);
    const env = newUserEnv();
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund'], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 600_000,
    });
    expect(install.status, install.stderr).toBe(0);
    // Every dependency supports Node 20 (root overrides pin the ones that moved to Node 22).
    expect(install.stdout + install.stderr).not.toContain('EBADENGINE');

    child = spawn('npm', ['start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((r) => child!.on('exit', (code) => r(code)));
    const deadline = Date.now() + 120_000;
    while (!/API token[^\n]*: (\S+)/.test(out) || !/sign-in link/.test(out)) {
      if (Date.now() > deadline) throw new Error(`Wireup did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(out).toContain('Wireup is running at http://127.0.0.1:8080');
    const token = /API token[^\n]*: (\S+)/.exec(out)![1];

    const health = await fetch('http://127.0.0.1:8080/healthz').then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', store: 'sqlite', bus: 'outbox' });
    const unauthorized = await fetch('http://127.0.0.1:8080/v1/connectors');
    expect(unauthorized.status).toBe(401);
    const connectors = await fetch('http://127.0.0.1:8080/v1/connectors', {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json() as Promise<{ data: Array<{ name: string }> }>);
    expect(connectors.data.map((c: { name: string }) => c.name).sort()).toEqual(['kustomer', 'openai', 'stripe']);
    // npm start embeds the connector registry (Verdaccio) and the marketplace reads it.
    expect(out).toContain('Connector registry (embedded Verdaccio) at http://127.0.0.1:4873');
    const marketplace = await fetch('http://127.0.0.1:8080/v1/marketplace', {
      headers: { authorization: `Bearer ${token}` },
    }).then((r) => r.json());
    expect(marketplace).toMatchObject({ registry: 'http://127.0.0.1:4873', stale: false, data: [] });
    // The editor, built by npm install, and the one-time sign-in link that opens it.
    const editor = await fetch('http://127.0.0.1:8080/');
    expect(editor.status).toBe(200);
    expect(await editor.text()).toContain('<div id="app">');
    const link = /sign-in link\): (http:\/\/\S+)/.exec(out)?.[1];
    expect(link, out).toMatch(/^http:\/\/127\.0\.0\.1:8080\/auth\/sign-in\?code=/);
    const signIn = await fetch(link!, { redirect: 'manual' });
    expect(signIn.headers.get('set-cookie')).toMatch(/^wireup_session=.*HttpOnly; SameSite=Strict/);
    const pages = await fetch('http://127.0.0.1:8080/integrations/stripe/with/kustomer/');
    expect(pages.status).toBe(200);
    expect(await pages.text()).toContain('Connect Stripe to Kustomer');

    // As a terminal's Ctrl-C would: the signal goes to the whole process group (npm and Wireup).
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    child = undefined;
    await new Promise((r) => setTimeout(r, 500));
    expect(out).toContain('Received SIGINT, stopping');
    expect(await portIsFree(8080), 'Wireup released port 8080').toBe(true);
  }, 900_000);
});
