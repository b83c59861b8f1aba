/** The benchmark's catalog: N synthetic connectors, with connector #N/2 at a given revision (the "one connector changes" step). */
import type { ConnectorManifest } from '@wireup/sdk';
import { syntheticManifest } from '../../generators/pair-pages/src/testing/synthetic-catalog.ts';

/** The catalog with `count` connectors; the middle one is at `revision`. */
export function benchCatalog(count: number, revision: number): ConnectorManifest[] {
  return Array.from({ length: count }, (_, i) => syntheticManifest(i, i === Math.floor(count / 2) ? revision : 0));
}

/** The base URL both generators build for. */
export const BASE_URL = 'https://wireup.example.com';
