/**
 * One timed build by @wireup/pair-pages, in its own process (as `wireup pages build` runs):
 * `ours.ts <outDir> <connectors> <revision> full|incremental`. Prints one JSON line.
 */
import { buildSite } from '@wireup/pair-pages';
import { BASE_URL, benchCatalog } from './catalog.ts';

const [outDir, connectors, revision, mode] = process.argv.slice(2);
const manifests = benchCatalog(Number(connectors), Number(revision));
const started = performance.now();
const result = await buildSite({ manifests, outDir, baseUrl: BASE_URL, incremental: mode === 'incremental' });
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ pages: result.pages, rendered: result.written, ms })}\n`);
