/**
 * Lists every file of the site with the hash of its inputs and a function that renders it.
 * Hashes are built from per-connector summary hashes, so planning 90,000 pages costs one short
 * hash each and nothing is rendered until the build knows the page changed.
 */
import type { ConnectorManifest } from '@wireup/sdk';
import { summarize, type AppSummary } from './app-summary.ts';
import { hashJson, hashText } from './hash.ts';
import { relatedApps } from './related-apps.ts';
import { robotsTxt, sitemapFiles } from './sitemap.ts';
import type { TemplateSet } from './templates.ts';
import type { UsageRecord } from './types.ts';
import { actionPage, appPage, catalogPage, pairPage, STYLESHEET, triggerPage } from './urls.ts';
import { indexUsage, pairKey } from './usage-index.ts';
import { appView } from './views/app-view.ts';
import { catalogView } from './views/catalog-view.ts';
import type { SiteContext } from './views/page-meta.ts';
import { pairView } from './views/pair-view.ts';
import { actionView, triggerView } from './views/step-view.ts';

/** One output file: where it goes, its input hash, how to render it; `url` is set for HTML pages. */
export interface PlannedFile {
  file: string;
  url?: string;
  hash: string;
  render: () => string;
}

const SEP = '\u0000';

/** Plans the whole site. Apps are listed by display name; pair pages exist for every ordered pair. */
export function planSite(manifests: ConnectorManifest[], site: SiteContext, templates: TemplateSet, usage?: UsageRecord[]): PlannedFile[] {
  const sorted = [...manifests].sort((x, y) => x.displayName.localeCompare(y.displayName) || x.name.localeCompare(y.name));
  const apps: AppSummary[] = sorted.map(summarize);
  const related = relatedApps(apps);
  const relatedHash = new Map([...related].map(([name, list]) => [name, hashJson(list)]));
  const usageIndex = indexUsage(usage);
  const names = apps.map((a) => ({ name: a.name, displayName: a.displayName }));
  const namesHash = hashJson(names);
  const { render, hash } = templates;
  const files: PlannedFile[] = [];

  files.push({ file: STYLESHEET.file, hash: hashText(templates.css), render: () => templates.css });
  const catalog = catalogPage();
  files.push({ ...catalog, hash: hashText([hash.catalog, site.baseUrl, ...apps.map((a) => a.hash)].join(SEP)), render: () => render.catalog(catalogView(site, apps)) });

  apps.forEach((app, i) => {
    const manifest = sorted[i];
    const others = names.filter((n) => n.name !== app.name);
    const rel = related.get(app.name) ?? [];
    const appBase = [hash.app, site.baseUrl, app.hash, namesHash].join(SEP);
    files.push({ ...appPage(app.name), hash: hashText(appBase), render: () => render.app(appView(site, app, others)) });
    const stepBase = [hash.step, site.baseUrl, app.name, app.displayName, relatedHash.get(app.name)].join(SEP);
    const ref = { name: app.name, displayName: app.displayName };
    for (const t of manifest.triggers) {
      files.push({ ...triggerPage(app.name, t.key), hash: hashText(`${stepBase}${SEP}t${JSON.stringify(t)}`), render: () => render.step(triggerView(site, ref, t, rel)) });
    }
    for (const a of manifest.actions) {
      files.push({ ...actionPage(app.name, a.key), hash: hashText(`${stepBase}${SEP}a${JSON.stringify(a)}`), render: () => render.step(actionView(site, ref, a, rel)) });
    }
  });

  for (const a of apps) {
    const rel = related.get(a.name) ?? [];
    const pairBase = [hash.pair, site.baseUrl, a.hash, relatedHash.get(a.name)].join(SEP);
    for (const b of apps) {
      if (a === b) continue;
      const use = usageIndex.get(pairKey(a.name, b.name)) ?? [];
      const useKey = use.length ? JSON.stringify(use) : '';
      files.push({ ...pairPage(a.name, b.name), hash: hashText(`${pairBase}${SEP}${b.hash}${SEP}${useKey}`), render: () => render.pair(pairView({ site, a, b, related: rel, usage: use })) });
    }
  }

  const urls = files.filter((f) => f.url).map((f) => `${site.baseUrl}${f.url}`);
  for (const { file, content } of sitemapFiles(site.baseUrl, urls)) files.push({ file, hash: hashText(content), render: () => content });
  const robots = robotsTxt(site.baseUrl);
  files.push({ file: 'robots.txt', hash: hashText(robots), render: () => robots });
  return files;
}
