/** The view model of `/integrations/<app>/`: its triggers, its actions, and its pair pages both ways. */
import type { AppSummary } from '../app-summary.ts';
import { plural, textWithCode } from '../text.ts';
import { actionUrl, appUrl, catalogUrl, pairUrl, triggerUrl } from '../urls.ts';
import { pageMeta, softwareApplication, type SiteContext } from './page-meta.ts';

/** The other apps, by name and display name only (all an app page shows of them). */
export interface AppName {
  name: string;
  displayName: string;
}

function strategyOf(t: AppSummary['triggers'][number]): string {
  return t.strategy === 'webhook' ? 'Instant (webhook)' : `Polling, every ${t.pollIntervalSeconds ?? 300} s`;
}

/** Builds an app page's view model. */
export function appView(site: SiteContext, app: AppSummary, others: AppName[]) {
  const url = appUrl(app.name);
  const description = `${app.displayName} in Wireup: ${plural(app.triggers.length, 'trigger')} and ${plural(app.actions.length, 'action')} to connect with ${plural(others.length, 'other app')}. ${app.description}`;
  return {
    meta: pageMeta(site, {
      url,
      title: `${app.displayName} integrations | Wireup`,
      description,
      crumbs: [
        { name: 'Integrations', url: catalogUrl() },
        { name: app.displayName, url },
      ],
      graph: [softwareApplication(site, { name: `Wireup ${app.displayName} connector`, description, url })],
    }),
    app: {
      displayName: app.displayName,
      initial: app.displayName.slice(0, 1).toUpperCase(),
      description: app.description,
      categories: app.categories,
    },
    triggerCount: plural(app.triggers.length, 'trigger'),
    actionCount: plural(app.actions.length, 'action'),
    triggers: app.triggers.map((t) => ({
      displayName: t.displayName,
      descriptionHtml: textWithCode(t.description),
      href: triggerUrl(app.name, t.key),
      detail: strategyOf(t),
    })),
    actions: app.actions.map((a) => ({
      displayName: a.displayName,
      descriptionHtml: textWithCode(a.description),
      href: actionUrl(app.name, a.key),
    })),
    outgoing: others.map((o) => ({ label: `${app.displayName} → ${o.displayName}`, href: pairUrl(app.name, o.name) })),
    incoming: others.map((o) => ({ label: `${o.displayName} → ${app.displayName}`, href: pairUrl(o.name, app.name) })),
  };
}
