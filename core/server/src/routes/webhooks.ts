/**
 * Webhook ingress: `POST /v1/webhooks/<connector>[.trigger-<trigger>]/<token>`. The body is
 * kept as raw bytes (signatures are checked on them), limited in size, and handed to the
 * engine; a 2xx is sent only once the engine says the event is durable.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { RouteNotFoundError } from '../errors.ts';
import { WireupError } from '@wireup/sdk';

/** Splits `stripe.trigger-charge-failed` into connector and trigger; `stripe` alone names no trigger. */
export function parseHook(hook: string): { connector: string; trigger?: string } {
  const match = /^([a-z][a-z0-9-]*)(?:\.trigger-([a-z][a-z0-9-]*))?$/.exec(hook);
  if (!match) throw new WireupError('UNKNOWN_WEBHOOK', `No webhook "${hook}": the path is /v1/webhooks/<connector>[.trigger-<trigger>]/<token>, as given by publish.`, { statusCode: 404 });
  return { connector: match[1], trigger: match[2] };
}

export async function webhookRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.webhookBodyLimit }, (_req, body, done) => done(null, body));

  app.post<{ Params: { hook: string; token: string } }>('/v1/webhooks/:hook/:token', async (request, reply) => {
    const { connector, trigger } = parseHook(request.params.hook);
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      const result = await deps.engine.acceptWebhook({ connector, trigger, token: request.params.token, rawBody, headers: request.headers });
      deps.metrics.webhookDelivery(connector, 'accepted');
      return reply.code(200).send({ received: true, ...result });
    } catch (error) {
      deps.metrics.webhookDelivery(connector, (error as WireupError).code ?? 'error');
      throw error;
    }
  });

  app.post<{ Params: { hook: string } }>('/v1/webhooks/:hook', async (request) => {
    throw new WireupError('UNKNOWN_WEBHOOK', `The webhook URL for "${request.params.hook}" lacks its connection token: use the full webhookUrl that publishing the workflow answered.`, { statusCode: 404 });
  });

  app.all('/v1/webhooks/*', async (request) => {
    throw new RouteNotFoundError(request.method, request.url);
  });
}
