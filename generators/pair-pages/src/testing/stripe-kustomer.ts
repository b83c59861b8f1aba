/**
 * Test helper: the Stripe and Kustomer manifests the pair-page tests use. The real generated
 * manifests (connectors/<app>/manifest.json) when both connectors have landed, else the
 * synthetic fixtures shaped like them.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectorManifest } from '@wireup/sdk';
import { loadInstalledManifests } from '../load-manifests.ts';
import { kustomerFixture, postboxFixture, stripeFixture } from './fixture-manifests.ts';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** True when both real manifests exist. */
export const realManifestsExist = (): boolean =>
  ['stripe', 'kustomer'].every((app) => existsSync(join(REPO_ROOT, 'connectors', app, 'manifest.json')));

/** Stripe, Kustomer and one more small app, plus where they came from. */
export async function stripeAndKustomer(): Promise<{ source: 'connectors' | 'fixtures'; stripe: ConnectorManifest; kustomer: ConnectorManifest; manifests: ConnectorManifest[] }> {
  if (realManifestsExist()) {
    const installed = await loadInstalledManifests(REPO_ROOT);
    const stripe = installed.find((m) => m.name === 'stripe')!;
    const kustomer = installed.find((m) => m.name === 'kustomer')!;
    return { source: 'connectors', stripe, kustomer, manifests: [stripe, kustomer, postboxFixture()] };
  }
  const stripe = stripeFixture();
  const kustomer = kustomerFixture();
  return { source: 'fixtures', stripe, kustomer, manifests: [stripe, kustomer, postboxFixture()] };
}
