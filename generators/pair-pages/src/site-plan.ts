/**
 * Lists every file of the site with the hash of its inputs, and renders any of them on demand.
 * Hashes are built from per-connector summary hashes, so planning 90,000 pages costs one short
 * hash each; planned files are small records (no closures) because there are so many.
 */
import type { ConnectorManifest } from '@wireup/sdk';
import { summarize, type AppSummary } from './app-summary.ts';
import { hashJson, hashText } from './hash.ts';
import { relatedApps, type RelatedApp } from './related-apps.ts';
import { robotsTxt, SITEMAP_LIMIT, sitemapFiles } from './sitemap.ts';
import type { PageKind, TemplateSet } from './templates.ts';
import type { UsageRecord } from './types.ts';
import { actionPage, appPage, catalogPage, pairPage, STYLESHEET, triggerPage } from './urls.ts';
import { indexUsage, pairKey, type PairUsage, type UsageIndex } from './usage-index.ts';
import { appView, type AppName } from './views/app-view.ts';
import { catalogView } from './views/catalog-view.ts';
import type { SiteContext } from './views/page-meta.ts';
import { pairView } from './views/pair-view.ts';
import { actionView, triggerView } from './views/step-view.ts';

/** What a planned file is; `i`/`j` index apps (in catalog order), steps or sitemap parts. */
export const FileKind = { Css: 0, Catalog: 1, App: 2, Trigger: 3, Action: 4, Pair: 5, Sitemap: 6, Robots: 7 } as const;
export type FileKind = (typeof FileKind)[keyof typeof FileKind];

/** One output file. `path` is its URL path (`/integrations/stripe/`), also its key in the build state. */
export interface PlannedFile {
  path: string;
  kind: FileKind;
  i: number;
  j: number;
  hash: string;
}

/** The site: its files in build order, and a renderer for any of them. */
export interface SitePlan {
  files: PlannedFile[];
  /** How many files are HTML pages. */
  pages: number;
  /** Hash of the list of files (their paths, in order): it follows from the apps' names and step keys alone. */
  structureHash: string;
  render(file: PlannedFile): string;
  /** The template and view model of an HTML page (for other renderers, e.g. the benchmark's Eleventy build). */
  view(file: PlannedFile): PageView;
}

/** A page's template and the data it is rendered with. */
export interface PageView {
  template: PageKind;
  data: object;
}

/** The file under outDir that serves a URL path. */
export const fileOfPath = (path: string): string => (path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1));

const SEP = '\u0000';

interface Context {
  site: SiteContext;
  templates: TemplateSet;
  manifests: ConnectorManifest[];
  apps: AppSummary[];
  names: AppName[];
  related: Map<string, RelatedApp[]>;
  usage: UsageIndex;
}

const usageOf = (ctx: Context, a: AppSummary, b: AppSummary): PairUsage[] => ctx.usage.get(pairKey(a.name, b.name)) ?? [];

/** Plans the whole site. Apps are listed by display name; pair pages exist for every ordered pair. */
export function planSite(manifests: ConnectorManifest[], site: SiteContext, templates: TemplateSet, usage?: UsageRecord[]): SitePlan {
  const sorted = [...manifests].sort((x, y) => x.displayName.localeCompare(y.displayName) || x.name.localeCompare(y.name));
  const apps = sorted.map(summarize);
  const names = apps.map((a) => ({ name: a.name, displayName: a.displayName }));
  const ctx: Context = { site, templates, manifests: sorted, apps, names, related: relatedApps(apps), usage: indexUsage(usage) };
  const relatedHash = apps.map((a) => hashJson(ctx.related.get(a.name)));
  const namesHash = hashJson(names);
  const { hash } = templates;
  const files: PlannedFile[] = [];
  const add = (path: string, kind: FileKind, i: number, j: number, h: string): void => {
    files.push({ path, kind, i, j, hash: h });
  };

  add(`/${STYLESHEET.file}`, FileKind.Css, 0, 0, hashText(templates.css));
  add(catalogPage().url, FileKind.Catalog, 0, 0, hashText([hash.catalog, site.baseUrl, ...apps.map((a) => a.hash)].join(SEP)));
  apps.forEach((app, i) => {
    add(appPage(app.name).url, FileKind.App, i, 0, hashText([hash.app, site.baseUrl, app.hash, namesHash].join(SEP)));
    const stepBase = [hash.step, site.baseUrl, app.name, app.displayName, relatedHash[i]].join(SEP);
    sorted[i].triggers.forEach((t, j) => add(triggerPage(app.name, t.key).url, FileKind.Trigger, i, j, hashText(`${stepBase}${SEP}t${JSON.stringify(t)}`)));
    sorted[i].actions.forEach((a, j) => add(actionPage(app.name, a.key).url, FileKind.Action, i, j, hashText(`${stepBase}${SEP}a${JSON.stringify(a)}`)));
  });
  // A pair page's fingerprint is the concatenation of hashes of its inputs: A's side (template,
  // base URL, A as a trigger app, A's related apps), B as an action app and, when there is any,
  // their usage. (pairView is given only those: it cannot read what is not hashed.)
  // No hashing per page: 90,000 pages cost 90,000 short concatenations.
  apps.forEach((a, i) => {
    const aSide = hashText([hash.pair, site.baseUrl, a.asTrigger.hash, relatedHash[i]].join(SEP));
    apps.forEach((b, j) => {
      if (i === j) return;
      const use = usageOf(ctx, a, b);
      add(pairPage(a.name, b.name).url, FileKind.Pair, i, j, use.length ? `${aSide}${b.asAction.hash}${hashJson(use)}` : aSide + b.asAction.hash);
    });
  });

  const pages = files.length - 1;
  // The URL set follows from the base URL, the names and the step keys: hash those instead of the sitemap text.
  const structureHash = hashText([namesHash, ...sorted.map((m) => `${m.triggers.map((t) => t.key)}|${m.actions.map((a) => a.key)}`)].join(SEP));
  const sitemapHash = hashText(`${site.baseUrl}${SEP}${structureHash}`);
  const parts = pages <= SITEMAP_LIMIT ? 1 : 1 + Math.ceil(pages / SITEMAP_LIMIT);
  for (let j = 0; j < parts; j++) add(j === 0 ? '/sitemap.xml' : `/sitemap-${j}.xml`, FileKind.Sitemap, 0, j, sitemapHash);
  add('/robots.txt', FileKind.Robots, 0, 0, hashText(robotsTxt(site.baseUrl)));

  let sitemaps: string[] | undefined;
  const sitemap = (j: number): string => {
    sitemaps ??= sitemapFiles(site.baseUrl, files.slice(1, 1 + pages).map((f) => `${site.baseUrl}${f.path}`)).map((s) => s.content);
    return sitemaps[j];
  };
  const render = (f: PlannedFile): string => {
    if (f.kind === FileKind.Sitemap) return sitemap(f.j);
    if (f.kind === FileKind.Css) return templates.css;
    if (f.kind === FileKind.Robots) return robotsTxt(site.baseUrl);
    const page = viewOf(ctx, f);
    return templates.render[page.template](page.data);
  };
  return { files, pages, structureHash, render, view: (f) => viewOf(ctx, f) };
}

/** The template and view model of an HTML page. */
function viewOf(ctx: Context, f: PlannedFile): PageView {
  const { site, apps, manifests } = ctx;
  const app = apps[f.i];
  const related = (): RelatedApp[] => ctx.related.get(app.name) ?? [];
  const ref = (): AppName => ({ name: app.name, displayName: app.displayName });
  switch (f.kind) {
    case FileKind.Catalog: return { template: 'catalog', data: catalogView(site, apps) };
    case FileKind.App: return { template: 'app', data: appView(site, app, ctx.names.filter((n) => n.name !== app.name)) };
    case FileKind.Trigger: return { template: 'step', data: triggerView(site, ref(), manifests[f.i].triggers[f.j], related()) };
    case FileKind.Action: return { template: 'step', data: actionView(site, ref(), manifests[f.i].actions[f.j], related()) };
    case FileKind.Pair: return { template: 'pair', data: pairView({ site, a: app.asTrigger, b: apps[f.j].asAction, related: related(), usage: usageOf(ctx, app, apps[f.j]) }) };
    default: throw new Error(`file kind ${f.kind} is not an HTML page`);
  }
}
