/**
 * Lists every file of the site with the hash of its inputs, and renders any of them on demand.
 * Hashes are built from per-connector summary hashes, so planning 90,000 pages costs one short
 * hash each; planned files are small records (no closures) because there are so many.
 */
import type { ConnectorManifest } from '@wireup/sdk';
import { hashJson, hashText } from './hash.ts';
import { createPageRenderer, type PageView } from './page-renderer.ts';
import { FileKind, type PlannedFile } from './planned-file.ts';
import { createSiteModel, usageOf, type SiteModel } from './site-model.ts';
import { robotsTxt, SITEMAP_LIMIT, sitemapFiles } from './sitemap.ts';
import type { TemplateSet } from './templates.ts';
import type { UsageRecord } from './types.ts';
import { actionUrl, appUrl, catalogUrl, pairUrl, STYLESHEET, triggerUrl } from './urls.ts';
import type { SiteContext } from './views/page-meta.ts';

export { FileKind, fileOfPath, type PlannedFile } from './planned-file.ts';
export type { PageView } from './page-renderer.ts';

/** The site: its files in build order, and a renderer for any of them. */
export interface SitePlan {
  files: PlannedFile[];
  /** How many files are HTML pages. */
  pages: number;
  /** Hash of the list of files (their paths, in order): it follows from the apps' names and step keys alone. */
  structureHash: string;
  /** The apps and what their pages share (render workers build the same from the manifests). */
  model: SiteModel;
  render(file: PlannedFile): string;
  /** The template and view model of an HTML page (for other renderers, e.g. the benchmark's Eleventy build). */
  view(file: PlannedFile): PageView;
}

const SEP = '\u0000';

/** Plans the whole site. Apps are listed by display name; pair pages exist for every ordered pair. */
export function planSite(
  manifests: ConnectorManifest[],
  site: SiteContext,
  templates: TemplateSet,
  usage?: UsageRecord[],
): SitePlan {
  const model = createSiteModel(manifests, usage);
  const { apps, names, manifests: sorted } = model;
  const relatedHash = apps.map((a) => hashJson(model.related.get(a.name)));
  const namesHash = hashJson(names);
  const { hash } = templates;
  const files: PlannedFile[] = [];
  const add = (path: string, kind: FileKind, i: number, j: number, h: string): void => {
    files.push({ path, kind, i, j, hash: h });
  };

  add(`/${STYLESHEET.file}`, FileKind.Css, 0, 0, hashText(templates.css));
  add(
    catalogUrl(),
    FileKind.Catalog,
    0,
    0,
    hashText([hash.catalog, site.baseUrl, ...apps.map((a) => a.hash)].join(SEP)),
  );
  apps.forEach((app, i) => {
    add(appUrl(app.name), FileKind.App, i, 0, hashText([hash.app, site.baseUrl, app.hash, namesHash].join(SEP)));
    const stepBase = [hash.step, site.baseUrl, app.name, app.displayName, relatedHash[i]].join(SEP);
    sorted[i].triggers.forEach((t, j) =>
      add(triggerUrl(app.name, t.key), FileKind.Trigger, i, j, hashText(`${stepBase}${SEP}t${JSON.stringify(t)}`)),
    );
    sorted[i].actions.forEach((a, j) =>
      add(actionUrl(app.name, a.key), FileKind.Action, i, j, hashText(`${stepBase}${SEP}a${JSON.stringify(a)}`)),
    );
  });
  // A pair page's fingerprint is the concatenation of hashes of its inputs: A's side (template,
  // base URL, A as a trigger app, A's related apps), B as an action app and, when there is any,
  // their usage. (pairView is given only those: it cannot read what is not hashed.)
  // No hashing per page: 90,000 pages cost 90,000 short concatenations.
  apps.forEach((a, i) => {
    const aSide = hashText([hash.pair, site.baseUrl, a.asTrigger.hash, relatedHash[i]].join(SEP));
    apps.forEach((b, j) => {
      if (i === j) return;
      const use = usageOf(model, a, b);
      add(
        pairUrl(a.name, b.name),
        FileKind.Pair,
        i,
        j,
        use.length ? `${aSide}${b.asAction.hash}${hashJson(use)}` : aSide + b.asAction.hash,
      );
    });
  });

  const pages = files.length - 1;
  // The URL set follows from the base URL, the names and the step keys: hash those instead of the sitemap text.
  const structureHash = hashText(
    [namesHash, ...sorted.map((m) => `${m.triggers.map((t) => t.key)}|${m.actions.map((a) => a.key)}`)].join(SEP),
  );
  const sitemapHash = hashText(`${site.baseUrl}${SEP}${structureHash}`);
  const parts = pages <= SITEMAP_LIMIT ? 1 : 1 + Math.ceil(pages / SITEMAP_LIMIT);
  for (let j = 0; j < parts; j++)
    add(j === 0 ? '/sitemap.xml' : `/sitemap-${j}.xml`, FileKind.Sitemap, 0, j, sitemapHash);
  add('/robots.txt', FileKind.Robots, 0, 0, hashText(robotsTxt(site.baseUrl)));

  let sitemaps: string[] | undefined;
  const sitemap = (j: number): string => {
    sitemaps ??= sitemapFiles(
      site.baseUrl,
      files.slice(1, 1 + pages).map((f) => `${site.baseUrl}${f.path}`),
    ).map((s) => s.content);
    return sitemaps[j];
  };
  const pageRenderer = createPageRenderer(model, site, templates.render);
  const render = (f: PlannedFile): string => {
    if (f.kind === FileKind.Sitemap) return sitemap(f.j);
    if (f.kind === FileKind.Css) return templates.css;
    if (f.kind === FileKind.Robots) return robotsTxt(site.baseUrl);
    return pageRenderer.render(f);
  };
  return { files, pages, structureHash, model, render, view: pageRenderer.view };
}
