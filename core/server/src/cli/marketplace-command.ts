/**
 * `wireup connector build|publish <dir>` (package a connector and put it on a registry) and
 * `wireup connectors search|install|upgrade|uninstall` (through the API of a running Wireup,
 * so installs happen without a restart: WIREUP_URL, default http://127.0.0.1:8080, and the API
 * token from WIREUP_API_TOKEN or the data folder's api-token file).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { buildConnector, createRegistryClient, publishConnector } from '@wireup/marketplace';
import { defaultRegistryUrl } from '../wireup.ts';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function positional(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--')) i++;
    else out.push(args[i]);
  }
  return out;
}

/** `wireup connector build|publish <dir> [--registry URL]`. */
export async function connectorPackageCommand(sub: 'build' | 'publish', args: string[]): Promise<number> {
  const [dir] = positional(args);
  if (!dir) {
    process.stderr.write(`Usage: wireup connector ${sub} <dir>${sub === 'publish' ? ' [--registry URL]' : ''}\n`);
    return 2;
  }
  if (sub === 'build') {
    const built = await buildConnector(resolve(dir));
    process.stdout.write(
      `built ${built.packageJson.name}@${built.packageJson.version}: ${built.tarballPath}\n  integrity sha512-${createHash('sha512').update(built.tarball).digest('base64')}\n`,
    );
    return 0;
  }
  const url = flag(args, '--registry') ?? process.env.WIREUP_REGISTRY_URL ?? defaultRegistryUrl;
  const published = await publishConnector(
    resolve(dir),
    createRegistryClient({ url, token: process.env.WIREUP_REGISTRY_TOKEN }),
  );
  process.stdout.write(
    `published ${published.packageJson.name}@${published.packageJson.version} to ${published.registry}\n  integrity ${published.integrity}\n`,
  );
  return 0;
}

function apiToken(): string {
  if (process.env.WIREUP_API_TOKEN) return process.env.WIREUP_API_TOKEN;
  try {
    return readFileSync(join(resolve(process.env.WIREUP_DATA_DIR || './.wireup'), 'api-token'), 'utf8').trim();
  } catch {
    throw new Error('no API token: set WIREUP_API_TOKEN (or WIREUP_DATA_DIR to the folder holding api-token)');
  }
}

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const base = (process.env.WIREUP_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiToken()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    throw new Error(`Wireup does not answer at ${base} (${(error as Error).message}); start it, or set WIREUP_URL`);
  }
  const json = (await res.json().catch(() => null)) as { error?: { message: string } } | null;
  if (!res.ok) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
  return json;
}

/** `name@range` or `name range`; a scoped name keeps its leading @. */
function spec(args: string[]): { name: string; version?: string } {
  const [first, second] = positional(args);
  const at = first?.lastIndexOf('@') ?? -1;
  if (at > 0) return { name: first.slice(0, at), version: first.slice(at + 1) };
  return { name: first, version: second };
}

/** `wireup connectors search|install|upgrade|uninstall`. */
export async function connectorsMarketplaceCommand(sub: string, args: string[]): Promise<number> {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  if (sub === 'search') {
    const query = new URLSearchParams();
    const q = positional(args).join(' ');
    if (q) query.set('q', q);
    const category = flag(args, '--category');
    if (category) query.set('category', category);
    const result = (await api('GET', `/v1/marketplace?${query}`)) as {
      data: Array<{ name: string; connector: string; latest: string; description: string; installed: string[] }>;
      stale: boolean;
    };
    if (result.stale) out('(the registry did not answer: results from the last index)');
    for (const e of result.data)
      out(
        `${e.name}@${e.latest}  ${e.connector}: ${e.description}${e.installed.length ? `  [installed ${e.installed.join(', ')}]` : ''}`,
      );
    if (!result.data.length) out('no connector matches');
    return 0;
  }
  const { name, version } = spec(args);
  if (!name) {
    process.stderr.write(`Usage: wireup connectors ${sub} <name>[@version]\n`);
    return 2;
  }
  if (sub === 'install') {
    const r = (await api('POST', '/v1/connectors', { name, ...(version ? { version } : {}) })) as {
      connector: string;
      version: string;
      durationMs: number;
      alreadyInstalled: boolean;
    };
    out(
      r.alreadyInstalled
        ? `${r.connector}@${r.version} is already installed`
        : `installed ${r.connector}@${r.version} in ${r.durationMs} ms`,
    );
    return 0;
  }
  if (sub === 'upgrade') {
    const r = (await api('POST', `/v1/connectors/${encodeURIComponent(name)}/upgrade`, version ? { version } : {})) as {
      connector: string;
      version: string;
      report: { safe: boolean; breaks: Array<{ workflowName: string; step: string; reasons: string[] }> };
    };
    out(`installed ${r.connector}@${r.version} beside the pinned versions`);
    for (const b of r.report.breaks) out(`  would break "${b.workflowName}" step ${b.step}: ${b.reasons.join('; ')}`);
    return 0;
  }
  if (sub === 'uninstall') {
    const r = (await api(
      'DELETE',
      version
        ? `/v1/connectors/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`
        : `/v1/connectors/${encodeURIComponent(name)}`,
    )) as { removed: Array<{ connector: string; version: string }> };
    for (const i of r.removed) out(`removed ${i.connector}@${i.version}`);
    return 0;
  }
  process.stderr.write(`wireup connectors: unknown command "${sub}"\n`);
  return 2;
}
