/**
 * Test helper: the Stripe and Kustomer manifests the pair-page tests use: the real generated
 * ones, read as data like the CLI does.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectorManifest } from '@wireup/sdk';
import { loadInstalledManifests } from '../load-manifests.ts';
import { postboxFixture } from './fixture-manifests.ts';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/**
 * The real Stripe and Kustomer manifests (their generated connectors/<app>/manifest.json),
 * plus a small synthetic polling app so pages have a third app to relate to. Throws, naming
 * the missing file, when a connector has no generated manifest.
 */
export async function stripeAndKustomer(): Promise<{
  stripe: ConnectorManifest;
  kustomer: ConnectorManifest;
  manifests: ConnectorManifest[];
}> {
  for (const app of ['stripe', 'kustomer']) {
    const file = join(REPO_ROOT, 'connectors', app, 'manifest.json');
    if (!existsSync(file)) throw new Error(`${file} is missing: generate the ${app} connector's manifest first`);
  }
  const installed = await loadInstalledManifests(REPO_ROOT);
  const stripe = installed.find((m) => m.name === 'stripe')!;
  const kustomer = installed.find((m) => m.name === 'kustomer')!;
  return { stripe, kustomer, manifests: [stripe, kustomer, postboxFixture()] };
}
