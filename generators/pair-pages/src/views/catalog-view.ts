/** The view model of `/integrations/`: every app, with its counts. */
import type { AppSummary } from '../app-summary.ts';
import { plural } from '../text.ts';
import { appUrl, catalogUrl } from '../urls.ts';
import { pageMeta, type SiteContext } from './page-meta.ts';

/** Builds the catalog page's view model; apps are listed in the given (catalog) order. */
export function catalogView(site: SiteContext, apps: AppSummary[]) {
  const url = catalogUrl();
  const pairs = apps.length * (apps.length - 1);
  return {
    meta: pageMeta(site, {
      url,
      title: 'Integrations | Wireup',
      description: `Connect ${plural(apps.length, 'app')} with Wireup: ${pairs} app pairs, each with ready-made trigger and action workflows. Open source and self-hostable.`,
      crumbs: [{ name: 'Integrations', url }],
    }),
    summary: `${plural(apps.length, 'app')}, ${plural(pairs, 'pair')} of apps to connect.`,
    apps: apps.map((app) => ({
      displayName: app.displayName,
      initial: app.displayName.slice(0, 1).toUpperCase(),
      href: appUrl(app.name),
      // Whole: a card is as tall as its description needs, nothing is cut off with an ellipsis.
      description: app.description,
      counts: `${plural(app.triggers.length, 'trigger')} · ${plural(app.actions.length, 'action')}`,
    })),
  };
}
