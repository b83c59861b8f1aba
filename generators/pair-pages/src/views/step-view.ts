/** View models of a trigger page and an action page: description, fields table, sample payload. */
import type { ConnectorManifest } from '@wireup/sdk';
import type { RelatedApp } from '../related-apps.ts';
import { RELATED_SHOWN } from '../related-apps.ts';
import { schemaFields } from '../schema-fields.ts';
import { textWithCode } from '../text.ts';
import { actionUrl, appUrl, catalogUrl, pairUrl, triggerUrl, WEBHOOK_TOKEN, webhookPath } from '../urls.ts';
import { pageMeta, softwareApplication, type SiteContext } from './page-meta.ts';

type Trigger = ConnectorManifest['triggers'][number];
type Action = ConnectorManifest['actions'][number];

/** The app a step belongs to, as its step pages show it. */
export interface StepApp {
  name: string;
  displayName: string;
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2) ?? 'null';

/** The rows of a fields table, descriptions as safe HTML (their `code spans` as code). */
const fieldsOf = (schema: Record<string, unknown>) =>
  schemaFields(schema).map((f) => ({ ...f, descriptionHtml: textWithCode(f.description) }));

function crumbs(app: StepApp, name: string, url: string) {
  return [
    { name: 'Integrations', url: catalogUrl() },
    { name: app.displayName, url: appUrl(app.name) },
    { name, url },
  ];
}

function pairLinks(app: StepApp, related: RelatedApp[], asTrigger: boolean) {
  return related
    .slice(0, RELATED_SHOWN)
    .map((r) =>
      asTrigger
        ? { label: `${app.displayName} → ${r.displayName}`, href: pairUrl(app.name, r.name) }
        : { label: `${r.displayName} → ${app.displayName}`, href: pairUrl(r.name, app.name) },
    );
}

/** Builds a trigger page's view model. */
export function triggerView(site: SiteContext, app: StepApp, t: Trigger, related: RelatedApp[]) {
  const url = triggerUrl(app.name, t.key);
  const description = `${app.displayName} trigger "${t.displayName}": ${t.description}`;
  return {
    meta: pageMeta(site, {
      url,
      title: `${t.displayName}: ${app.displayName} trigger | Wireup`,
      description,
      crumbs: crumbs(app, t.displayName, url),
      graph: [
        softwareApplication(site, { name: `Wireup ${app.displayName} trigger: ${t.displayName}`, description, url }),
      ],
    }),
    app: { displayName: app.displayName, url: appUrl(app.name) },
    kind: 'Trigger',
    displayName: t.displayName,
    descriptionHtml: textWithCode(t.description),
    id: `${app.name}.${t.key}`,
    facts:
      t.strategy === 'webhook'
        ? [
            { term: 'How it fires', value: 'Instantly, by webhook' },
            ...(t.event ? [{ term: 'Provider event', value: t.event, code: true }] : []),
            { term: 'Webhook path', value: `POST ${webhookPath(app.name)}`, placeholder: WEBHOOK_TOKEN, code: true },
          ]
        : [
            {
              term: 'How it fires',
              value: `By polling ${app.displayName} every ${t.pollIntervalSeconds ?? 300} seconds`,
            },
          ],
    fieldsTitle: 'Fields of the event',
    fields: fieldsOf(t.outputSchema),
    sampleTitle: 'Sample event',
    sample: pretty(t.sample),
    pairsTitle: `Use it with`,
    pairs: pairLinks(app, related, true),
  };
}

/** Builds an action page's view model. */
export function actionView(site: SiteContext, app: StepApp, a: Action, related: RelatedApp[]) {
  const url = actionUrl(app.name, a.key);
  const description = `${app.displayName} action "${a.displayName}": ${a.description}`;
  const retry = a.retry?.maxAttempts
    ? `Up to ${a.retry.maxAttempts} attempts on retriable errors`
    : 'On retriable errors, with backoff';
  return {
    meta: pageMeta(site, {
      url,
      title: `${a.displayName}: ${app.displayName} action | Wireup`,
      description,
      crumbs: crumbs(app, a.displayName, url),
      graph: [
        softwareApplication(site, { name: `Wireup ${app.displayName} action: ${a.displayName}`, description, url }),
      ],
    }),
    app: { displayName: app.displayName, url: appUrl(app.name) },
    kind: 'Action',
    displayName: a.displayName,
    descriptionHtml: textWithCode(a.description),
    id: `${app.name}.${a.key}`,
    facts: [
      { term: 'Safe to repeat', value: a.idempotent ? 'Yes (idempotent)' : 'No: each run acts again' },
      { term: 'Retries', value: retry },
    ],
    fieldsTitle: 'Input fields',
    fields: fieldsOf(a.inputSchema),
    sampleTitle: 'Sample output',
    sample: pretty(a.sample),
    pairsTitle: 'Start it from',
    pairs: pairLinks(app, related, false),
  };
}
