/**
 * One log line per answered request, in place of Fastify's two (incoming, completed). Webhook URLs
 * carry each connection's secret path token: it is cut from the logged URL. Health and metrics
 * scrapes log at debug, so a scraper does not fill the info log.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

const quiet = new Set(['/healthz', '/metrics']);

/**
 * The URL as logged: what follows `webhooks/<hook>/` replaced (the connection's token), and a
 * webhook route reached through an odd spelling logged as its pattern; at most 256 characters.
 */
export function loggedUrl(url: string, route?: string): string {
  let cut = url.replace(/(webhooks\/[^/?]*\/)[^?]*/i, '$1[redacted]');
  if (cut === url && route?.startsWith('/v1/webhooks/')) cut = route;
  return cut.length > 256 ? `${cut.slice(0, 256)}…` : cut;
}

/** Logs the finished request: method, matched route, URL, status and time taken (and the error when the response broke). */
export function logRequest(request: FastifyRequest, reply: FastifyReply, error?: Error | null): void {
  const route = request.routeOptions.url;
  const fields = {
    method: request.method,
    route: route ?? null,
    url: loggedUrl(request.url, route),
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime * 10) / 10,
  };
  if (error) request.log.error({ ...fields, err: error }, 'request');
  else if (quiet.has(route ?? '')) request.log.debug(fields, 'request');
  else request.log.info(fields, 'request');
}

/** Fastify's request log lines, replaced by `logRequest` (its "route not found" line quoted the raw URL, tokens and all). */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    logRequest(request, reply, error);
  }

  override routeNotFound(): void {}
}
