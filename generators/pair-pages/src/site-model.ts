/**
 * What the pages of a site are made from, computed once from the manifests: apps in catalog
 * order with their summaries, related apps and usage. Deterministic, so the main thread and
 * each render worker build the same model from the same manifests.
 */
import type { ConnectorManifest } from '@wireup/sdk';
import { summarize, type AppSummary } from './app-summary.ts';
import { relatedApps, type RelatedApp } from './related-apps.ts';
import type { UsageRecord } from './types.ts';
import { indexUsage, pairKey, type PairUsage, type UsageIndex } from './usage-index.ts';
import type { AppName } from './views/app-view.ts';

/** The site's apps and what their pages share. Index `i` of a planned file is an index into these arrays. */
export interface SiteModel {
  /** Manifests in catalog order: by display name, then name. */
  manifests: ConnectorManifest[];
  apps: AppSummary[];
  names: AppName[];
  related: Map<string, RelatedApp[]>;
  usage: UsageIndex;
}

/** Builds the model; apps are listed by display name. */
export function createSiteModel(manifests: ConnectorManifest[], usage?: UsageRecord[]): SiteModel {
  const sorted = [...manifests].sort(
    (x, y) => x.displayName.localeCompare(y.displayName) || x.name.localeCompare(y.name),
  );
  const apps = sorted.map(summarize);
  return {
    manifests: sorted,
    apps,
    names: apps.map((a) => ({ name: a.name, displayName: a.displayName })),
    related: relatedApps(apps),
    usage: indexUsage(usage),
  };
}

/** Usage of A's triggers with B's actions, most used first. */
export const usageOf = (model: SiteModel, a: AppSummary, b: AppSummary): PairUsage[] =>
  model.usage.get(pairKey(a.name, b.name)) ?? [];
