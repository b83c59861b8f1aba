/**
 * Guards on the request line that run before routing matters: only origin-form targets
 * (`/path?query`) are served. An absolute-form target (`GET http://x/v1/runs HTTP/1.1`) is a
 * proxy request; the router would strip its scheme and host and match `/v1/runs`, so it is
 * refused here rather than risk any check that reads the raw URL.
 */
import type { FastifyRequest } from 'fastify';
import { RequestTargetInvalidError, UrlInvalidError } from './errors.ts';

/** True when every `%` in `text` starts a valid escape and the escapes decode as UTF-8. */
export function percentEncodingValid(text: string): boolean {
  if (!text.includes('%')) return true;
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/** onRequest hook (root level): absolute-form targets and malformed percent-encoding → 400. */
export async function checkRequestTarget(request: FastifyRequest): Promise<void> {
  const target = request.raw.url ?? '';
  if (!target.startsWith('/')) throw new RequestTargetInvalidError(target);
  const query = target.indexOf('?');
  if (
    query >= 0 &&
    !target
      .slice(query + 1)
      .split('&')
      .every(percentEncodingValid)
  )
    throw new UrlInvalidError(target);
}
