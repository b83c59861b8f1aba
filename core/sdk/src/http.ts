/**
 * The HTTP client a connector is handed in its context (`ctx.http`): JSON in and out, a timeout,
 * the egress guard. The implementation is the core's (`@wireup/runtime`); tests get one from
 * `@wireup/testing`.
 */

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON when given. */
  json?: unknown;
  /** Sent as is when given (and `json` is not): say its `content-type` in `headers`. */
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else the text (or null when empty). */
  body: unknown;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
}

/**
 * Which non-public addresses may be reached: `true` all of them (local fakes, on-premises apps),
 * `false` none, or a list of CIDR ranges (`10.20.0.0/16`, `127.0.0.1/32`) that may be reached
 * while the rest of the private space stays refused.
 */
export type EgressAllowance = boolean | readonly string[];
