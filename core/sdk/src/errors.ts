/**
 * The SDK's error registry. Every error Wireup raises carries a stable `code`, an HTTP
 * `statusCode` for the server's one error handler, and `retriable`, which the engine's retry
 * policy reads. Each package lists its codes in a registry (`sdkErrors` below for the SDK);
 * docs/errors.md is generated from the registries (`npm run docs:errors`).
 */
export interface WireupErrorOptions {
  details?: unknown;
  retriable?: boolean;
  statusCode?: number;
  cause?: unknown;
}

import { defineErrorRegistry, formatProblems } from './error-registry.ts';

/** Base class of every error Wireup raises on purpose. */
export class WireupError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly retriable: boolean;
  readonly details: unknown;

  constructor(code: string, message: string, options: WireupErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.statusCode = options.statusCode ?? 500;
    this.retriable = options.retriable ?? false;
    this.details = options.details;
  }

  toJSON(): { code: string; message: string; retriable: boolean; details?: unknown } {
    return {
      code: this.code,
      message: this.message,
      retriable: this.retriable,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** One problem found in a document, with where it is and what to do about it. */
export interface ValidationProblem {
  /** JSON pointer-like path, e.g. `/triggers/0/key`. */
  path: string;
  message: string;
  fix: string;
}

/** A manifest does not match the manifest JSON Schema. */
export class ManifestInvalidError extends WireupError {
  readonly problems: ValidationProblem[];
  constructor(connector: string, problems: ValidationProblem[]) {
    super('MANIFEST_INVALID', `Connector "${connector}" has an invalid manifest: ${formatProblems(problems)}`, {
      statusCode: 400,
      details: problems,
    });
    this.problems = problems;
  }
}

/** Input given to an action or trigger does not match its declared schema. Not retriable. */
export class InvalidInputError extends WireupError {
  constructor(message: string, problems: ValidationProblem[] = []) {
    super('INVALID_INPUT', message, { statusCode: 400, details: problems });
  }
}

/** The provider refused the credentials: reconnect or fix the key. Not retriable. */
export class AuthenticationError extends WireupError {
  constructor(message: string, details?: unknown) {
    super('AUTHENTICATION_FAILED', message, { statusCode: 400, details });
  }
}

/** The provider asked us to slow down. Retriable after `retryAfterMs`. */
export class RateLimitedError extends WireupError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, details?: unknown) {
    super('RATE_LIMITED', message, { statusCode: 429, retriable: true, details });
    this.retryAfterMs = retryAfterMs;
  }
}

/** The provider answered with an error status. 5xx (and 408/409 lock conflicts) are retriable. */
export class UpstreamError extends WireupError {
  readonly status: number;
  constructor(message: string, status: number, details?: unknown) {
    super('UPSTREAM_ERROR', message, { statusCode: 502, retriable: status >= 500 || status === 408, details });
    this.status = status;
  }
}

/**
 * The provider could not be reached or did not answer in time. Retriable. `requestSent` says
 * whether the request may have reached the provider before the failure (a timeout or a reset
 * after it was written): then nobody knows whether it took effect, and the engine repeats it
 * only for an action that is safe to repeat (`idempotent: true`).
 */
export class NetworkError extends WireupError {
  readonly requestSent: boolean;
  constructor(message: string, cause?: unknown, options: { requestSent?: boolean } = {}) {
    super('NETWORK_ERROR', message, { statusCode: 502, retriable: true, cause });
    this.requestSent = options.requestSent ?? false;
  }
}

/** True for a failure after which the request may or may not have taken effect at the provider (see NetworkError). */
export function isAmbiguousFailure(error: unknown): boolean {
  return error instanceof NetworkError && error.requestSent;
}

/** A webhook delivery failed signature verification. */
export class SignatureInvalidError extends WireupError {
  constructor(message: string) {
    super('SIGNATURE_INVALID', message, { statusCode: 400 });
  }
}

/** A webhook body could not be read as the provider's event. */
export class PayloadInvalidError extends WireupError {
  constructor(message: string) {
    super('PAYLOAD_INVALID', message, { statusCode: 400 });
  }
}

/** An outbound call aimed at a loopback or private address while that is not allowed. */
export class EgressRefusedError extends WireupError {
  constructor(host: string) {
    super(
      'EGRESS_REFUSED',
      `Outbound call to ${host} refused: it is or resolves to a loopback, private or reserved address. Set WIREUP_EGRESS_ALLOW_PRIVATE=true to allow it (local fakes, on-premises apps).`,
      { statusCode: 400 },
    );
  }
}

/** An outbound call's answer (or its decompressed body) was over the size limit; it was cut off, not read. Not retriable. */
export class ResponseTooLargeError extends WireupError {
  constructor(target: string, limitBytes: number, what: 'body' | 'decompressed body') {
    super(
      'RESPONSE_TOO_LARGE',
      `${target}: the answer's ${what} is over the ${limitBytes}-byte limit (WIREUP_EGRESS_MAX_RESPONSE_BYTES); it was not read.`,
      { statusCode: 502, details: { limitBytes } },
    );
  }
}

/** True when the error is one the engine should retry. */
export function isRetriable(error: unknown): boolean {
  return error instanceof WireupError ? error.retriable : false;
}

/** The codes the SDK raises (docs/errors.md is generated from the registries). */
export const sdkErrors = defineErrorRegistry('sdk', {
  MANIFEST_INVALID: { status: 400, meaning: 'a connector manifest does not match the manifest schema' },
  INVALID_INPUT: { status: 400, meaning: "an action's input does not match its schema (not retried)" },
  AUTHENTICATION_FAILED: { status: 400, meaning: 'the provider refused the credentials (not retried)' },
  RATE_LIMITED: {
    status: 429,
    meaning:
      'the provider asked to slow down (retried after its reset time; a wait over `WIREUP_RETRY_PARK_AFTER_MS` parks the run as `waiting`, and the step shows `retryAt`; a polling trigger waits it out before its next poll)',
  },
  UPSTREAM_ERROR: { status: 502, meaning: 'the provider answered an error; 5xx and 408 are retried' },
  NETWORK_ERROR: {
    status: 502,
    meaning:
      'the provider could not be reached or timed out (retried; after the request was sent, only for actions safe to repeat, else `ACTION_OUTCOME_UNKNOWN`)',
  },
  SIGNATURE_INVALID: { status: 400, meaning: "a webhook's signature (or its timestamp) is wrong" },
  PAYLOAD_INVALID: { status: 400, meaning: "a webhook body is not the provider's event" },
  EGRESS_REFUSED: {
    status: 400,
    meaning:
      'an outbound call to (or a name resolving to) a loopback, private, link-local, reserved or otherwise non-public address that `WIREUP_EGRESS_ALLOW_PRIVATE` does not allow (not retried)',
  },
  RESPONSE_TOO_LARGE: {
    status: 502,
    meaning:
      "a provider's answer, or its decompressed body, is over `WIREUP_EGRESS_MAX_RESPONSE_BYTES`; it was cut off unread (not retried)",
  },
});
