/**
 * Serves the generated pair-pages site (generators/pair-pages) from the pages folder:
 * /integrations/..., /sitemap*.xml and /robots.txt. Paths are resolved inside the folder only.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { RouteNotFoundError } from '../errors.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.js': 'text/javascript',
};

/** The file a URL path maps to, or null when it would leave the folder. */
export function fileFor(root: string, urlPath: string): string | null {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative.split(sep).includes('..')) return null;
  return join(root, relative);
}

async function send(root: string, urlPath: string, reply: FastifyReply, method: string): Promise<FastifyReply> {
  let file = fileFor(root, urlPath);
  const info = file ? await stat(file).catch(() => null) : null;
  if (file && info?.isDirectory()) {
    if (!urlPath.endsWith('/')) return reply.redirect(`${urlPath}/`, 301);
    file = join(file, 'index.html');
  }
  const body = file ? await readFile(file).catch(() => null) : null;
  if (!file || !body) throw new RouteNotFoundError(method, urlPath);
  return reply.type(types[extname(file)] ?? 'application/octet-stream').send(body);
}

/** The site is not part of the API: left out of /openapi.json (and of the 405 index). */
const hidden = { schema: { hide: true } };

export async function pagesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const root = deps.config.pagesDir;
  app.get('/integrations', hidden, async (_request, reply) => reply.redirect('/integrations/', 301));
  app.get('/integrations/*', hidden, async (request, reply) => send(root, request.url, reply, request.method));
  app.get('/robots.txt', hidden, async (request, reply) => send(root, '/robots.txt', reply, request.method));
  app.get<{ Params: { name: string } }>('/:name', { ...hidden, constraints: {} }, async (request, reply) => {
    if (!/^sitemap(-\d+)?\.xml$/.test(request.params.name)) throw new RouteNotFoundError(request.method, request.url);
    return send(root, `/${request.params.name}`, reply, request.method);
  });
}
