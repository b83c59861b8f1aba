/**
 * core/server's error registry, and the one place that turns any error into the API's
 * error shape `{error:{code, message, details}}` with its HTTP status.
 */
import { defineErrorRegistry, formatProblems, WireupError, type ValidationProblem } from '@wireup/sdk';

export class UnauthorizedError extends WireupError {
  constructor() {
    super(
      'UNAUTHORIZED',
      'Missing or wrong API token: send "Authorization: Bearer <token>" (the token is WIREUP_API_TOKEN, or the one printed at first start).',
      { statusCode: 401 },
    );
  }
}

export class SessionInvalidError extends WireupError {
  constructor() {
    super(
      'UNAUTHORIZED',
      'Not signed in, or the session has expired: open the sign-in link that `wireup start` prints, or send "Authorization: Bearer <token>".',
      { statusCode: 401 },
    );
  }
}

export class CsrfTokenInvalidError extends WireupError {
  constructor() {
    super(
      'CSRF_TOKEN_INVALID',
      "A request made with the session cookie must send the session's CSRF token in the X-Wireup-CSRF header (GET /auth/session gives it).",
      { statusCode: 403 },
    );
  }
}

export class WorkflowChangedError extends WireupError {
  constructor(message: string, details?: unknown) {
    super('WORKFLOW_CHANGED', message, { statusCode: 412, details });
  }
}

export class RequestTargetInvalidError extends WireupError {
  constructor(target: string) {
    super(
      'REQUEST_TARGET_INVALID',
      `The request target "${target.slice(0, 200)}" is not a path: send requests in origin form (GET /v1/runs), not through a proxy form.`,
      { statusCode: 400 },
    );
  }
}

export class UrlInvalidError extends WireupError {
  constructor(url: string) {
    super(
      'URL_INVALID',
      `The URL "${url.slice(0, 200)}" has malformed percent-encoding: every "%" must start a valid UTF-8 escape such as %2F.`,
      { statusCode: 400 },
    );
  }
}

export class JsonTooDeepError extends WireupError {
  constructor(path: string, max: number) {
    super(
      'JSON_TOO_DEEP',
      `The JSON body nests deeper than ${max} levels (at ${path}); nothing was stored. Flatten the data.`,
      { statusCode: 400, details: { path, maxDepth: max } },
    );
  }
}

export class MethodNotAllowedError extends WireupError {
  constructor(method: string, path: string, allowed: string[]) {
    super('METHOD_NOT_ALLOWED', `${path} does not answer ${method}; it answers ${allowed.join(', ')}.`, {
      statusCode: 405,
      details: { allowed },
    });
  }
}

export class NotFoundError extends WireupError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} "${id}" does not exist.`, { statusCode: 404 });
  }
}

export class RouteNotFoundError extends WireupError {
  constructor(method: string, url: string) {
    super('ROUTE_NOT_FOUND', `No route ${method} ${url}. See /openapi.json for the API.`, { statusCode: 404 });
  }
}

export class RequestInvalidError extends WireupError {
  constructor(message: string, problems: ValidationProblem[] = []) {
    super('INVALID_REQUEST', problems.length ? `${message}: ${formatProblems(problems)}` : message, {
      statusCode: 400,
      details: problems,
    });
  }
}

export class RequestJsonError extends WireupError {
  constructor(reason: string) {
    super('INVALID_JSON', `The body is not valid JSON: ${reason}`, { statusCode: 400 });
  }
}

export class ConnectionSecretsRequiredError extends WireupError {
  constructor(problems: ValidationProblem[]) {
    super(
      'CONNECTION_SECRETS_REQUIRED',
      `The connection update changes where its secrets are sent, so they must be given again: ${formatProblems(problems, { withFix: false })}`,
      { statusCode: 422, details: problems },
    );
  }
}

export class WorkflowNotPublishedError extends WireupError {
  constructor(id: string) {
    super(
      'WORKFLOW_NOT_PUBLISHED',
      `Workflow "${id}" has no published version to test. Publish it first, or test the draft (leave "published" out).`,
      { statusCode: 409, details: { workflow: id } },
    );
  }
}

export class WebhookUrlNotPublicError extends WireupError {
  constructor(message: string, details: { url: string; connection: string; events: string[] }) {
    super('WEBHOOK_URL_NOT_PUBLIC', `${message} The workflow was not published.`, { statusCode: 422, details });
  }
}

export class WebhookRegistrationFailedError extends WireupError {
  constructor(provider: string, connectionId: string, cause: unknown) {
    const e = cause as { message?: string; code?: string; retriable?: boolean };
    super(
      'WEBHOOK_REGISTRATION_FAILED',
      `${provider} did not register the webhook for connection "${connectionId}": ${e?.message ?? String(cause)} The workflow was not published; fix the cause and publish again.`,
      {
        statusCode: 502,
        retriable: e?.retriable ?? false,
        details: { provider, connection: connectionId, cause: e?.code ?? 'ERROR' },
        cause,
      },
    );
  }
}

/**
 * The connection check failed. The first words say what happened, from the connector's error code:
 * the app could not be reached (`NETWORK_ERROR`), the egress guard refused its address
 * (`EGRESS_REFUSED`), or the app refused the credentials (anything else).
 */
export class ConnectionTestFailedError extends WireupError {
  constructor(app: string, reason: string, cause: string) {
    const what =
      cause === 'NETWORK_ERROR'
        ? `${app} could not be reached, so these credentials were not checked`
        : cause === 'EGRESS_REFUSED'
          ? `Wireup's egress guard refused the call to ${app}, so these credentials were not checked`
          : `${app} did not accept these credentials`;
    super('CONNECTION_TEST_FAILED', `${what}: ${reason}`, { statusCode: 422, details: { cause } });
  }
}

/** A sealed secret cannot be opened (wrong key, altered, or moved from another row). */
export class SecretUnreadableError extends WireupError {
  constructor(message: string, cause?: unknown) {
    super('SECRET_UNREADABLE', message, { statusCode: 500, cause });
  }
}

export class ConflictError extends WireupError {
  constructor(message: string, details?: unknown) {
    super('CONFLICT', message, { statusCode: 409, details });
  }
}

export class ConfigurationError extends WireupError {
  constructor(message: string) {
    super('CONFIGURATION_INVALID', message, { statusCode: 500 });
  }
}

export class TooManyStreamsError extends WireupError {
  constructor(max: number) {
    super(
      'TOO_MANY_STREAMS',
      `This server already serves ${max} live run streams (GET /v1/runs/stream), its limit; close another editor tab or try again shortly.`,
      { statusCode: 429, retriable: true, details: { max } },
    );
  }
}

/** The codes the server answers with (docs/errors.md is generated from the registries). */
export const serverErrors = defineErrorRegistry('server', {
  UNAUTHORIZED: {
    status: 401,
    meaning: 'missing or wrong `Authorization: Bearer <token>`, or no live editor session (not signed in, or expired)',
  },
  REQUEST_TARGET_INVALID: {
    status: 400,
    meaning: "the request line's target is not a path (absolute form `GET http://host/v1/runs`): send `GET /v1/runs`",
  },
  URL_INVALID: { status: 400, meaning: 'the path or query has malformed percent-encoding (`%zz`, a cut UTF-8 escape)' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    meaning:
      "a request made with the editor's session cookie that changes something lacks the session's `X-Wireup-CSRF` token",
  },
  WORKFLOW_CHANGED: {
    status: 412,
    meaning:
      "a draft save's `If-Match` names a revision the workflow has moved past (saved elsewhere); reload and edit again",
  },
  NOT_FOUND: { status: 404, meaning: 'the connection, workflow, workflow version or run does not exist' },
  ROUTE_NOT_FOUND: { status: 404, meaning: 'no such route (see `/openapi.json`)' },
  INVALID_REQUEST: {
    status: 400,
    meaning:
      "a request's params, query or body does not match the route's schema (`/openapi.json`), or a query parameter is repeated; `details` names each field (`/querystring/status`, `/body/auth/secretKey`)",
  },
  JSON_TOO_DEEP: {
    status: 400,
    meaning:
      'a JSON body (API or webhook) nests deeper than 64 levels; `details.path` says where; nothing stored (docs/limits.md)',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    meaning: 'the path exists but not with this method; the `Allow` header and `details.allowed` list the methods',
  },
  INVALID_JSON: { status: 400, meaning: 'the API body is not JSON' },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'the body is over the limit (`WIREUP_WEBHOOK_BODY_LIMIT` for webhooks)' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'send `application/json`' },
  HEADERS_TOO_LARGE: {
    status: 431,
    meaning: "the request line and headers are over 64 KiB (Node's parser; the connection is closed)",
  },
  REQUEST_TIMEOUT: {
    status: 408,
    meaning: 'the headers or the body did not arrive within `WIREUP_HEADERS_TIMEOUT_MS` / `WIREUP_REQUEST_TIMEOUT_MS`',
  },
  WORKFLOW_NOT_PUBLISHED: {
    status: 409,
    meaning:
      '`POST /v1/workflows/:id/test` with `"published": true` of a workflow that is not published: publish it, or test the draft',
  },
  CONNECTION_TEST_FAILED: {
    status: 422,
    meaning:
      "the connection check failed: the app refused the credentials, could not be reached (`NETWORK_ERROR`) or the egress guard refused its address (`EGRESS_REFUSED`); `details.cause` is the connector's code (e.g. `AUTHENTICATION_FAILED`)",
  },
  CONNECTION_SECRETS_REQUIRED: {
    status: 422,
    meaning:
      'an update changes a field that says where secrets are sent (Kustomer `baseUrl`) without giving the secret fields again; `details` names each one',
  },
  WEBHOOK_URL_NOT_PUBLIC: {
    status: 422,
    meaning:
      'publishing would register a webhook at a loopback or private URL the provider cannot reach (WIREUP_PUBLIC_URL unset on a laptop): set WIREUP_PUBLIC_URL to a tunnel, or give the connection its signing secret and forward events (`stripe listen --forward-to`); `details` has the URL and events',
  },
  WEBHOOK_REGISTRATION_FAILED: {
    status: 502,
    meaning:
      "publishing could not register the trigger's webhook at the provider (the message names the provider and quotes it); the workflow was not published — see docs/webhook-registration.md",
  },
  TOO_MANY_STREAMS: {
    status: 429,
    meaning:
      '`GET /v1/runs/stream` while the server already serves its limit of live run streams (docs/limits.md); retry later',
  },
  CONFLICT: {
    status: 409,
    meaning:
      'the action conflicts with current state (e.g. deleting a connection a published workflow uses as trigger or in any step; `details.workflows` names them)',
  },
  SECRET_UNREADABLE: {
    status: 500,
    meaning:
      "a sealed secret cannot be opened: sealed with a key that is neither `WIREUP_SECRET_KEY` nor in `WIREUP_SECRET_KEY_FALLBACKS`, altered, or copied from another connection's row",
  },
  CONFIGURATION_INVALID: { status: 500, meaning: 'a setting is invalid (printed at start, exit code 1)' },
  INTERNAL: { status: 500, meaning: 'an unexpected failure; the server log has the details' },
});

/** The body every error response carries. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

interface AjvError {
  instancePath: string;
  message?: string;
  keyword: string;
  params?: { missingProperty?: string };
}
interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message: string;
  validation?: AjvError[];
  validationContext?: string;
}

/** Fastify's schema validation errors as the API's problems: the part of the request, the field, what to do. */
function validationResponse(e: FastifyLikeError): { status: number; body: ErrorBody } {
  const part = e.validationContext ?? 'request';
  const problems = (e.validation ?? []).map((v) => ({
    path: `/${part}${v.instancePath}${v.params?.missingProperty ? `/${v.params.missingProperty}` : ''}`,
    message: v.message ?? v.keyword,
    fix:
      part === 'querystring'
        ? 'give each query parameter once, as /openapi.json describes it'
        : `send the ${part} /openapi.json describes`,
  }));
  const message = `The ${part} is invalid: ${formatProblems(problems, { withFix: false })}`;
  return { status: 400, body: { error: { code: 'INVALID_REQUEST', message, details: problems } } };
}

const fastifyCodes: Record<string, [number, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'The request body is larger than the limit'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON', 'The body is empty but Content-Type is application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_REQUEST', 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: [400, 'URL_INVALID', 'The URL has malformed percent-encoding'],
  FST_ERR_MAX_PARAM_LENGTH: [400, 'INVALID_REQUEST', 'A path parameter is longer than 300 characters'],
};

/** Maps any thrown value to a status and the error body. Unknown errors become a 500 without internals. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof WireupError) {
    const details = error.details === undefined ? undefined : error.details;
    return {
      status: error.statusCode,
      body: { error: { code: error.code, message: error.message, ...(details === undefined ? {} : { details }) } },
    };
  }
  const e = error as FastifyLikeError;
  if (Array.isArray(e?.validation)) return validationResponse(e);
  const known = e?.code ? fastifyCodes[e.code] : undefined;
  if (known) return { status: known[0], body: { error: { code: known[1], message: `${known[2]}.` } } };
  if (
    e instanceof SyntaxError ||
    e?.code === 'FST_ERR_CTP_INVALID_JSON' ||
    (e?.statusCode === 400 && /JSON/i.test(e.message))
  ) {
    return {
      status: 400,
      body: { error: { code: 'INVALID_JSON', message: `The body is not valid JSON: ${e.message}` } },
    };
  }
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: { error: { code: 'INVALID_REQUEST', message: e.message } } };
  }
  return {
    status: 500,
    body: {
      error: { code: 'INTERNAL', message: 'Something went wrong inside Wireup; the server log has the details.' },
    },
  };
}
