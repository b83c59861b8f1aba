/**
 * Marketplace bench: the per-call cost of isolation (an action called in-process vs through its
 * connector process, sequentially and 16 at a time) and the install time of a package from a
 * real (embedded) Verdaccio. Prints a table. `npx tsx marketplace/bench/isolation-bench.ts`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '@wireup/runtime';
import { createSqliteStore } from '@wireup/store-sqlite';
import { createConnectorProcess } from '../src/isolation/connector-process.ts';
import { startEmbeddedRegistry } from '../src/embedded-registry.ts';
import { createMarketplace } from '../src/marketplace.ts';
import { handMadeModule, handMadePackage, minimalManifest, publishRaw } from '../src/testing/connector-fixtures.ts';

const calls = Number(process.env.BENCH_CALLS ?? 20_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function perCall(run: (i: number) => Promise<unknown>, parallel: number): Promise<number> {
  for (let i = 0; i < 500; i++) await run(i); // warm-up
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < calls) await run(next++);
    }),
  );
  return ((performance.now() - t0) * 1000) / calls; // µs per call
}

const dir = await mkdtemp(join(tmpdir(), 'wireup-bench-'));
const manifest = minimalManifest('bench', '1.0.0');
await writeFile(join(dir, 'index.js'), handMadeModule(manifest, 'return { ok: true, n: ctx.input.n };'));
const http = createHttpClient({ allowPrivate: false });
const inProcess = (await import(join(dir, 'index.js'))).default;
const isolated = createConnectorProcess({
  spec: 'bench@1.0.0',
  packageDir: dir,
  mainPath: join(dir, 'index.js'),
  http,
});
const input = (n: number) => ({
  input: { n, customer: 'cus_123', note: 'x'.repeat(200) },
  auth: { apiKey: 'sk_test_123' },
  idempotencyKey: `run:${n}`,
});
const rows: Array<[string, string]> = [];
for (const parallel of [1, 16]) {
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < 3; round++) {
    a.push(await perCall((n) => inProcess.actions.get('do-it').run({ ...input(n), http }), parallel));
    b.push(await perCall((n) => isolated.call({ kind: 'action', key: 'do-it', ...input(n) }), parallel));
  }
  rows.push([`action call, ${parallel} at a time, in-process`, `${median(a).toFixed(1)} µs`]);
  rows.push([`action call, ${parallel} at a time, isolated`, `${median(b).toFixed(1)} µs`]);
  rows.push([`isolation cost per call, ${parallel} at a time`, `${(median(b) - median(a)).toFixed(1)} µs`]);
}
await isolated.stop();

const storage = await mkdtemp(join(tmpdir(), 'wireup-bench-verdaccio-'));
const dataDir = await mkdtemp(join(tmpdir(), 'wireup-bench-data-'));
const registry = await startEmbeddedRegistry({ storage, port: 0 });
const store = createSqliteStore({ path: join(dataDir, 'wireup.db') });
await store.start();
const marketplace = createMarketplace({ dataDir, registryUrl: registry.url, store, http, builtIn: [], followMs: 0 });
const installs: number[] = [];
for (let i = 0; i < 5; i++) {
  const version = `1.0.${i}`;
  const m = minimalManifest('bench', version);
  await publishRaw(marketplace.registry, handMadePackage('bench', version), {
    'manifest.json': JSON.stringify(m),
    'index.js': handMadeModule(m, 'return { ok: true };'),
  });
  installs.push((await marketplace.install('bench', version)).durationMs);
}
rows.push([
  'install (resolve, download, verify, extract, check, start process), median of 5',
  `${median(installs).toFixed(0)} ms`,
]);
await marketplace.stop();
await store.stop();
await registry.stop();
await Promise.all([dir, storage, dataDir].map((d) => rm(d, { recursive: true, force: true })));

const width = Math.max(...rows.map(([k]) => k.length));
process.stdout.write(
  `${'measure'.padEnd(width)}  value\n${'-'.repeat(width)}  -----\n${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`,
);
process.exit(0);
