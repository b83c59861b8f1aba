/**
 * Webhook ingress: `POST /v1/webhooks/<connector>[.trigger-<trigger>]/<token>`. The body is
 * kept as raw bytes (signatures are checked on them), limited in size, and handed to the
 * engine; a 2xx is sent only once the engine says the event is durable.
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.ts';
import { bodyValidatedElsewhere } from '../body-validated-elsewhere.ts';
import { routeSchemas as schemas } from '../route-schemas.ts';
import { JsonTooDeepError } from '../errors.ts';
import { jsonTooDeepAt } from '../json-depth.ts';
import { limits } from '../limits.ts';
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

  app.post<{ Params: { hook: string; token: string } }>('/v1/webhooks/:hook/:token', { schema: schemas.webhook, validatorCompiler: bodyValidatedElsewhere }, async (request, reply) => {
    const { connector, trigger } = parseHook(request.params.hook);
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      // Refused before the connector parses it or anything is stored: a deep body would make every later step recurse.
      const deepAt = jsonTooDeepAt(rawBody.toString('utf8'), limits.jsonDepth);
      if (deepAt !== null) throw new JsonTooDeepError(deepAt, limits.jsonDepth);
      const result = await deps.engine.acceptWebhook({ connector, trigger, token: request.params.token, rawBody, headers: request.headers });
      deps.metrics.webhookDelivery(connector, 'accepted');
      return reply.code(200).send({ received: true, ...result });
    } catch (error) {
      deps.metrics.webhookDelivery(connector, (error as WireupError).code ?? 'error');
      throw error;
    }
  });

  app.post<{ Params: { hook: string } }>('/v1/webhooks/:hook', { schema: schemas.webhookWithoutToken, validatorCompiler: bodyValidatedElsewhere }, async (request) => {
    throw new WireupError('UNKNOWN_WEBHOOK', `The webhook URL for "${request.params.hook}" lacks its connection token: use the full webhookUrl that publishing the workflow answered.`, { statusCode: 404 });
  });
}
