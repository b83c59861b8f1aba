/**
 * Serves the built editor (core/editor/dist): `/assets/*` as immutable files, and index.html
 * for the editor's own routes (`/`, `/workflows`, `/editor/new?trigger=…`, `/runs/…`, …) so a
 * reload or a pasted link opens the right view. Other paths keep the API's 404; /v1 and
 * /integrations are never answered with the editor.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { RouteNotFoundError } from '../errors.ts';
import { fileFor } from './pages.ts';

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

/** The editor's client-side routes (first path segment); index.html answers them. */
export const editorRoutes = ['sign-in', 'workflows', 'editor', 'runs', 'connections', 'marketplace'];

const notBuilt = (
  dir: string,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wireup</title></head><body>
<h1>The editor is not built</h1><p>Wireup serves the editor from <code>${dir}</code>, which has no index.html.
Build it with <code>npm run build -w @wireup/editor</code> (npm install does this), then reload.</p></body></html>`;

/** The editor is not part of the API: left out of /openapi.json (and of the 405 index). */
const hidden = { schema: { hide: true } };

export async function editorRoutesPlugin(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const root = deps.config.editorDir;
  const index = async (reply: FastifyReply) => {
    const html = await readFile(`${root}/index.html`).catch(() => null);
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8');
    return html ? reply.send(html) : reply.code(503).send(notBuilt(root));
  };
  app.get('/', hidden, async (_request, reply) => index(reply));
  for (const route of editorRoutes) {
    app.get(`/${route}`, hidden, async (_request, reply) => index(reply));
    app.get(`/${route}/*`, hidden, async (_request, reply) => index(reply));
  }
  app.get('/assets/*', hidden, async (request, reply) => {
    const path = request.url.split('?')[0];
    const file = fileFor(root, path);
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!file || !body) throw new RouteNotFoundError(request.method, path);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type(types[extname(file)] ?? 'application/octet-stream')
      .send(body);
  });
}
