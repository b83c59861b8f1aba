/**
 * Where each page lives. `url` is the root-relative address a browser asks for; `file` is the
 * path under outDir. Links are root-relative so the site works wherever the server mounts
 * `<outDir>/integrations/` at `/integrations/`.
 */

/** A page's address and the file that serves it. */
export interface PageLocation {
  url: string;
  file: string;
}

function at(url: string): PageLocation {
  return { url, file: `${url.slice(1)}index.html` };
}

/** `/integrations/`: every app. */
export const catalogPage = (): PageLocation => at('/integrations/');
/** `/integrations/<app>/`: an app's triggers and actions. */
export const appPage = (app: string): PageLocation => at(`/integrations/${app}/`);
/** `/integrations/<a>/with/<b>/`: a trigger in `a` starts a workflow that acts in `b`. */
export const pairPage = (a: string, b: string): PageLocation => at(`/integrations/${a}/with/${b}/`);
/** `/integrations/<app>/triggers/<key>/`. */
export const triggerPage = (app: string, key: string): PageLocation => at(`/integrations/${app}/triggers/${key}/`);
/** `/integrations/<app>/actions/<key>/`. */
export const actionPage = (app: string, key: string): PageLocation => at(`/integrations/${app}/actions/${key}/`);

/** The one stylesheet. Connector names are kebab-case, so `_assets` never collides with an app. */
export const STYLESHEET = { url: '/integrations/_assets/site.css', file: 'integrations/_assets/site.css' };

/**
 * The editor's "new workflow" link, pre-filled with a trigger and an action (namespaced ids).
 * Names and keys are kebab-case (checked by buildSite), so nothing needs URL-encoding.
 */
export function editorLink(app: string, trigger: string, actionApp: string, action: string): string {
  return `/editor/new?trigger=${app}.${trigger}&action=${actionApp}.${action}`;
}

/** Connector names and trigger/action keys: kebab-case, safe in paths and query strings as they are. */
export const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** The path a provider posts a webhook trigger's events to, as the ingress names it. */
export function webhookPath(app: string, trigger: string): string {
  return `/v1/webhooks/${app}.trigger-${trigger}`;
}
