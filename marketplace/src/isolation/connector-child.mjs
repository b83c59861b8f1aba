// The isolated process of one installed connector version (see connector-process.ts). Plain
// JavaScript so it runs under Node's permission model without a TypeScript loader. It loads the
// package's bundle, says what the connector offers, then answers calls from the parent one
// message at a time; its only way out is the HTTP capability, which asks the parent. Each call
// gets the connector's settings and an abort signal the parent can fire.
import { pathToFileURL } from 'node:url';

const [, , mainPath] = process.argv;
const pendingHttp = new Map();
let nextHttpId = 0;
/** Each call in flight's AbortController, by the parent's call id. */
const callControllers = new Map();

function serializeError(error) {
  const e = error ?? {};
  return {
    name: String(e.name ?? 'Error'),
    message: String(e.message ?? e),
    code: typeof e.code === 'string' ? e.code : undefined,
    retriable: typeof e.retriable === 'boolean' ? e.retriable : undefined,
    statusCode: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    retryAfterMs: typeof e.retryAfterMs === 'number' ? e.retryAfterMs : undefined,
    details: safeClone(e.details),
  };
}

function safeClone(value) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return undefined;
  }
}

function capabilityError(data) {
  const error = new Error(data.message);
  Object.assign(error, {
    name: data.name,
    code: data.code,
    retriable: data.retriable,
    statusCode: data.statusCode,
    retryAfterMs: data.retryAfterMs,
    details: data.details,
  });
  return error;
}

/**
 * The egress-guarded HTTP client of one call, as a capability: every request is made by the
 * parent, which also cuts it short when the call is aborted. A signal the connector passes
 * itself cannot cross the process boundary; when it fires, the parent is asked to abort.
 */
const httpFor = (callId) => ({
  request(req) {
    const id = ++nextHttpId;
    const { signal, ...plain } = req ?? {};
    return new Promise((resolve, reject) => {
      const abort = () => process.send({ type: 'http-abort', id });
      const settle = (finish) => (value) => {
        signal?.removeEventListener('abort', abort);
        finish(value);
      };
      pendingHttp.set(id, { resolve: settle(resolve), reject: settle(reject) });
      process.send({ type: 'http', id, callId, req: plain });
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
    });
  },
});

let connector;
let loadError;
try {
  const mod = await import(pathToFileURL(mainPath).href);
  connector = mod.default?.manifest ? mod.default : (mod.default?.default ?? mod.connector);
  if (!connector?.manifest) throw new Error('the bundle has no default export made by defineConnector');
} catch (error) {
  loadError = serializeError(error);
}

async function dispatch(call, callId, signal) {
  const ctx = { auth: call.auth ?? {}, http: httpFor(callId), settings: Object.freeze({ ...call.settings }), signal };
  switch (call.kind) {
    case 'action': {
      const action = connector.actions.get(call.key);
      if (!action) throw new Error(`no action "${call.key}"`);
      return action.run({ ...ctx, input: call.input, idempotencyKey: call.idempotencyKey });
    }
    case 'poll': {
      const trigger = connector.triggers.get(call.key);
      if (!trigger?.poll) throw new Error(`no polling trigger "${call.key}"`);
      return trigger.poll({ ...ctx, cursor: call.cursor ?? null });
    }
    case 'verify':
      return connector.webhook.verify(
        { rawBody: Buffer.from(call.rawBody), headers: call.headers },
        ctx.auth,
        call.now ? new Date(call.now) : undefined,
      );
    case 'register':
      return connector.webhook.register({
        ...ctx,
        url: call.url,
        events: call.events,
        existing: call.existing ?? null,
      });
    case 'unregister':
      return connector.webhook.unregister({ ...ctx, registration: call.registration });
    case 'test-connection':
      return connector.testConnection(ctx);
    case 'ping':
      return null;
    default:
      throw new Error(`unknown call "${call.kind}"`);
  }
}

process.on('message', (message) => {
  if (message.type === 'http-reply') {
    const waiting = pendingHttp.get(message.id);
    if (!waiting) return;
    pendingHttp.delete(message.id);
    if (message.ok)
      waiting.resolve({ status: message.status, headers: new Headers(message.headers), body: message.body });
    else waiting.reject(capabilityError(message.error));
    return;
  }
  if (message.type === 'abort') {
    callControllers.get(message.id)?.abort();
    return;
  }
  if (message.type !== 'call') return;
  const reply = (fields) => process.send({ type: 'result', id: message.id, ...fields });
  if (loadError)
    return reply({
      ok: false,
      error: { ...loadError, message: `it threw while loading: ${loadError.message}`, code: 'CONNECTOR_LOAD_FAILED' },
    });
  const controller = new AbortController();
  if (message.aborted) controller.abort();
  callControllers.set(message.id, controller);
  Promise.resolve()
    .then(() => dispatch(message.call, message.id, controller.signal))
    .then(
      (value) => reply({ ok: true, value: safeClone(value) ?? null }),
      (error) => reply({ ok: false, error: serializeError(error) }),
    )
    .finally(() => callControllers.delete(message.id));
});

const hook = connector?.webhook;
process.send({
  type: 'ready',
  loadError,
  offers: connector
    ? {
        webhook: Boolean(hook?.verify),
        register: Boolean(hook?.register),
        unregister: Boolean(hook?.unregister),
        secretField: hook?.secretField,
        testConnection: Boolean(connector.testConnection),
      }
    : null,
});
// A disconnected parent means nobody will ever call again.
process.on('disconnect', () => process.exit(0));
