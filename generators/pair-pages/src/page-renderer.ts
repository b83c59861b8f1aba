/**
 * Renders any HTML page of a site from the site model: picks its view and template. Used by
 * the main thread and by render workers, which get only the model's inputs, not the plan.
 */
import { FileKind, type FileRef } from './planned-file.ts';
import type { RelatedApp } from './related-apps.ts';
import { usageOf, type SiteModel } from './site-model.ts';
import type { PageKind } from './templates.ts';
import { appView, type AppName } from './views/app-view.ts';
import { catalogView } from './views/catalog-view.ts';
import type { SiteContext } from './views/page-meta.ts';
import { pairView } from './views/pair-view.ts';
import { actionView, triggerView } from './views/step-view.ts';

/** A page's template and the data it is rendered with. */
export interface PageView {
  template: PageKind;
  data: object;
}

/** Page renderers by template, as `TemplateSet.render` has them. */
export type PageTemplates = Record<PageKind, (view: object) => string>;

/** Renders HTML pages. */
export interface PageRenderer {
  /** The template and view model of an HTML page (for other renderers, e.g. the benchmark's Eleventy build). */
  view(file: FileRef): PageView;
  render(file: FileRef): string;
}

/** The renderer of the pages of `model`. */
export function createPageRenderer(model: SiteModel, site: SiteContext, templates: PageTemplates): PageRenderer {
  const view = (f: FileRef): PageView => viewOf(model, site, f);
  return {
    view,
    render(f) {
      const page = view(f);
      return templates[page.template](page.data);
    },
  };
}

function viewOf(model: SiteModel, site: SiteContext, f: FileRef): PageView {
  const { apps, manifests } = model;
  const app = apps[f.i];
  const related = (): RelatedApp[] => model.related.get(app.name) ?? [];
  const ref = (): AppName => ({ name: app.name, displayName: app.displayName });
  switch (f.kind) {
    case FileKind.Catalog:
      return { template: 'catalog', data: catalogView(site, apps) };
    case FileKind.App:
      return {
        template: 'app',
        data: appView(
          site,
          app,
          model.names.filter((n) => n.name !== app.name),
        ),
      };
    case FileKind.Trigger:
      return { template: 'step', data: triggerView(site, ref(), manifests[f.i].triggers[f.j], related()) };
    case FileKind.Action:
      return { template: 'step', data: actionView(site, ref(), manifests[f.i].actions[f.j], related()) };
    case FileKind.Pair:
      return {
        template: 'pair',
        data: pairView({
          site,
          a: app.asTrigger,
          b: apps[f.j].asAction,
          related: related(),
          usage: usageOf(model, app, apps[f.j]),
        }),
      };
    default:
      throw new Error(`file kind ${f.kind} is not an HTML page`);
  }
}
