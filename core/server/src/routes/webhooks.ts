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
import { UnknownWebhookError } from '@wireup/engine';

/** Splits `stripe.trigger-charge-failed` into connector and trigger; `stripe` alone names no trigger. */
export function parseHook(hook: string): { connector: string; trigger?: string } {
  const match = /^([a-z][a-z0-9-]*)(?:\.trigger-([a-z][a-z0-9-]*))?$/.exec(hook);
  if (!match)
    throw new UnknownWebhookError(
      `No webhook "${hook}": the path is /v1/webhooks/<connector>[.trigger-<trigger>]/<token>, as given by publish.`,
    );
  return { connector: match[1], trigger: match[2] };
}

/** Error codes whose messages may quote the request body. */
const quotesBody = new Set(['PAYLOAD_INVALID', 'INVALID_JSON']);

/** A message with any webhook URL's secret token segment cut out (route-not-found messages quote the path). */
const withoutTokens = (message: string): string =>
  message.replace(/(\/v1\/webhooks\/[^/\s"]*\/)[^\s"?]*/g, '$1[redacted]');

export async function webhookRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.config.webhookBodyLimit }, (_req, body, done) =>
    done(null, body),
  );

  // Every refusal of this scope (unknown hook, bad signature, body too large...): counted, and logged without the body.
  // Read from the error body sent (onError does not run when the error handler answers), so every refusal is seen.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400) return payload;
    let error: { code?: string; message?: string } = {};
    try {
      error = (JSON.parse(String(payload)) as { error?: typeof error }).error ?? {};
    } catch {
      /* not the error shape */
    }
    const code = typeof error.code === 'string' ? error.code : 'error';
    const connector = /^[a-z][a-z0-9-]*/.exec((request.params as { hook?: string } | undefined)?.hook ?? '')?.[0] ?? '';
    deps.metrics.webhookDelivery(connector, code);
    const fields = { connector: deps.catalog.get(connector) ? connector : 'unknown', code, status: reply.statusCode };
    // Messages about unreadable JSON quote the body (V8's SyntaxError does): for those the code is the reason.
    request.log.warn(
      quotesBody.has(code) || !error.message
        ? fields
        : { ...fields, reason: withoutTokens(error.message).slice(0, 500) },
      'webhook refused',
    );
    return payload;
  });

  app.post<{ Params: { hook: string; token: string } }>(
    '/v1/webhooks/:hook/:token',
    { schema: schemas.webhook, validatorCompiler: bodyValidatedElsewhere },
    async (request, reply) => {
      const { connector, trigger } = parseHook(request.params.hook);
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      // Refused before the connector parses it or anything is stored: a deep body would make every later step recurse.
      const deepAt = jsonTooDeepAt(rawBody.toString('utf8'), limits.jsonDepth);
      if (deepAt !== null) throw new JsonTooDeepError(deepAt, limits.jsonDepth);
      const result = await deps.engine.acceptWebhook({
        connector,
        trigger,
        token: request.params.token,
        rawBody,
        headers: request.headers,
      });
      deps.metrics.webhookDelivery(connector, 'accepted');
      return reply.code(200).send({ received: true, ...result });
    },
  );

  app.post<{ Params: { hook: string } }>(
    '/v1/webhooks/:hook',
    { schema: schemas.webhookWithoutToken, validatorCompiler: bodyValidatedElsewhere },
    async (request) => {
      throw new UnknownWebhookError(
        `The webhook URL for "${request.params.hook}" lacks its connection token: use the full webhookUrl that publishing the workflow answered.`,
      );
    },
  );
}
