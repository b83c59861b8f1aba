/**
 * Where each page lives: the root-relative address a browser asks for. Links are root-relative
 * so the site works wherever the server mounts `<outDir>/integrations/` at `/integrations/`.
 */

// Each function gives a page's root-relative address (its file is `fileOfPath` of it): plain strings,
// since a large build asks for several hundred thousand of them.

/** `/integrations/`: every app. */
export const catalogUrl = (): string => '/integrations/';
/** `/integrations/<app>/`: an app's triggers and actions. */
export const appUrl = (app: string): string => `/integrations/${app}/`;
/** `/integrations/<a>/with/<b>/`: a trigger in `a` starts a workflow that acts in `b`. */
export const pairUrl = (a: string, b: string): string => `/integrations/${a}/with/${b}/`;
/** `/integrations/<app>/triggers/<key>/`. */
export const triggerUrl = (app: string, key: string): string => `/integrations/${app}/triggers/${key}/`;
/** `/integrations/<app>/actions/<key>/`. */
export const actionUrl = (app: string, key: string): string => `/integrations/${app}/actions/${key}/`;

/** The one stylesheet. Connector names are kebab-case, so `_assets` never collides with an app. */
export const STYLESHEET = { url: '/integrations/_assets/site.css', file: 'integrations/_assets/site.css' };

/**
 * The editor's "new workflow" link, pre-filled with a trigger and an action (namespaced ids),
 * and with the recipe (`<actionApp>.<key>`) that sets up the whole workflow when there is one.
 * Names and keys are kebab-case (checked by buildSite), so nothing needs URL-encoding.
 */
export function editorLink(app: string, trigger: string, actionApp: string, action: string, recipe?: string): string {
  return `/editor/new?trigger=${app}.${trigger}&action=${actionApp}.${action}${recipe ? `&recipe=${actionApp}.${recipe}` : ''}`;
}

/** Connector names and trigger/action keys: kebab-case, safe in paths and query strings as they are. */
export const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The webhook path of an app's connection, as publish answers it (`<WIREUP_PUBLIC_URL>` before
 * it): `/v1/webhooks/<app>/` then the connection's own secret token, which a public page cannot
 * know and shows as the placeholder {@link WEBHOOK_TOKEN}.
 */
export function webhookPath(app: string): string {
  return `/v1/webhooks/${app}/`;
}

/** The placeholder shown for the connection's token at the end of a webhook path. */
export const WEBHOOK_TOKEN = '<token>';
