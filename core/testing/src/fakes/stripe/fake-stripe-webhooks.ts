/**
 * A small fake of Stripe's webhook_endpoints API, for what stripe-mock cannot do: stripe-mock
 * keeps no state and returns no signing secret, so a test cannot check that the secret
 * Stripe answers at creation ends up verifying deliveries. This fake keeps endpoints, answers
 * a known `whsec_` secret, and refuses unknown API keys with Stripe's 401.
 *
 * Routes (form-encoded bodies, as the official SDK sends them): POST/GET /v1/webhook_endpoints,
 * GET/POST/DELETE /v1/webhook_endpoints/:id, GET /v1/balance. Errors use Stripe's shape
 * `{error:{type, message, code?, param?}}`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An endpoint as the fake keeps it (Stripe's `webhook_endpoint` object, trimmed). */
export interface FakeStripeEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  description: string | null;
  metadata: Record<string, string>;
  status: 'enabled';
  livemode: false;
  created: number;
}

/** A call the fake received; `form` is the decoded form body. */
export interface FakeStripeRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  form: Record<string, string>;
}

/** A programmed failure: the next matching request gets this status and Stripe error body. */
export interface FakeStripeFailure {
  status: number;
  message?: string;
  type?: string;
  method?: string;
  path?: string;
}

export interface FakeStripeWebhooksOptions {
  /** The only secret key accepted. Default `sk_test_fake_stripe_webhooks`. */
  secretKey?: string;
  /** The signing secret every created endpoint gets. Default a random `whsec_...`. */
  signingSecret?: string;
}

export interface FakeStripeWebhooks {
  /** Origin to give as WIREUP_STRIPE_API_BASE, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly secretKey: string;
  readonly signingSecret: string;
  /** Endpoints that exist now (live array). */
  readonly endpoints: FakeStripeEndpoint[];
  readonly requests: FakeStripeRequest[];
  failNext(count: number, failure: FakeStripeFailure): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
}

const stripeError = (status: number, message: string, extra: Record<string, string> = {}): Reply => ({
  status,
  body: { error: { type: 'invalid_request_error', message, ...extra } },
});

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** `enabled_events[0]=a&enabled_events[1]=b` (the SDK's encoding) → `['a','b']`; undefined when absent. */
function listOf(form: Record<string, string>, name: string): string[] | undefined {
  const keys = Object.keys(form).filter((k) => k === name || k.startsWith(`${name}[`));
  return keys.length ? keys.map((k) => form[k]) : undefined;
}

function metadataOf(form: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    const m = /^metadata\[([^\]]+)\]$/.exec(k);
    if (m) out[m[1]] = v;
  }
  return out;
}

function handle(
  endpoints: FakeStripeEndpoint[],
  signingSecret: string,
  method: string,
  path: string,
  form: Record<string, string>,
): Reply {
  if (path === '/v1/balance' && method === 'GET')
    return {
      status: 200,
      body: {
        object: 'balance',
        available: [{ amount: 0, currency: 'usd' }],
        pending: [{ amount: 0, currency: 'usd' }],
        livemode: false,
      },
    };
  if (path === '/v1/webhook_endpoints' && method === 'GET')
    return { status: 200, body: { object: 'list', data: endpoints, has_more: false, url: path } };
  if (path === '/v1/webhook_endpoints' && method === 'POST') {
    const events = listOf(form, 'enabled_events');
    if (!form.url) return stripeError(400, 'Missing required param: url.', { param: 'url', code: 'parameter_missing' });
    if (!events?.length)
      return stripeError(400, 'Missing required param: enabled_events.', {
        param: 'enabled_events',
        code: 'parameter_missing',
      });
    const endpoint: FakeStripeEndpoint = {
      id: `we_${randomBytes(12).toString('hex')}`,
      object: 'webhook_endpoint',
      url: form.url,
      enabled_events: events,
      description: form.description ?? null,
      metadata: metadataOf(form),
      status: 'enabled',
      livemode: false,
      created: Math.floor(Date.now() / 1000),
    };
    endpoints.push(endpoint);
    return { status: 200, body: { ...endpoint, secret: signingSecret } };
  }
  const match = /^\/v1\/webhook_endpoints\/([^/]+)$/.exec(path);
  if (!match) return stripeError(404, `Unrecognized request URL (${method}: ${path}).`);
  const index = endpoints.findIndex((e) => e.id === match[1]);
  if (index < 0)
    return stripeError(404, `No such webhook endpoint: '${match[1]}'`, { code: 'resource_missing', param: 'id' });
  const endpoint = endpoints[index];
  if (method === 'GET') return { status: 200, body: endpoint };
  if (method === 'DELETE') {
    endpoints.splice(index, 1);
    return { status: 200, body: { id: endpoint.id, object: 'webhook_endpoint', deleted: true } };
  }
  if (method === 'POST') {
    endpoint.enabled_events = listOf(form, 'enabled_events') ?? endpoint.enabled_events;
    endpoint.url = form.url ?? endpoint.url;
    return { status: 200, body: endpoint };
  }
  return stripeError(405, `${method} is not allowed on ${path}.`);
}

/** Starts the fake on 127.0.0.1 with a random port. */
export async function createFakeStripeWebhooks(options: FakeStripeWebhooksOptions = {}): Promise<FakeStripeWebhooks> {
  const secretKey = options.secretKey ?? 'sk_test_fake_stripe_webhooks';
  const signingSecret = options.signingSecret ?? `whsec_${randomBytes(24).toString('hex')}`;
  const endpoints: FakeStripeEndpoint[] = [];
  const requests: FakeStripeRequest[] = [];
  const failures: Array<FakeStripeFailure & { remaining: number }> = [];

  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const form = await readForm(req);
      requests.push({ method, path, authorization: req.headers.authorization, form });
      const failure = failures.find((f) => (!f.method || f.method === method) && (!f.path || f.path === path));
      let reply: Reply;
      if (failure) {
        if (--failure.remaining <= 0) failures.splice(failures.indexOf(failure), 1);
        reply = {
          status: failure.status,
          body: {
            error: {
              type: failure.type ?? (failure.status >= 500 ? 'api_error' : 'invalid_request_error'),
              message: failure.message ?? 'The fake was told to fail.',
            },
          },
        };
      } else if (req.headers.authorization !== `Bearer ${secretKey}`) {
        const given = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        reply = stripeError(401, `Invalid API Key provided: ${given.slice(0, 8)}****${given.slice(-4)}`);
      } else {
        reply = handle(endpoints, signingSecret, method, path, form);
      }
      res
        .writeHead(reply.status, {
          'content-type': 'application/json',
          'request-id': `req_${randomBytes(7).toString('hex')}`,
        })
        .end(JSON.stringify(reply.body));
    })().catch((error) => {
      if (!res.headersSent)
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    signingSecret,
    endpoints,
    requests,
    failNext(count, failure) {
      if (count > 0) failures.push({ ...failure, remaining: count });
    },
    close() {
      return new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
