/**
 * The one place the editor talks HTTP. Requests carry the session cookie (same origin) and, when
 * they change something, the session's CSRF token in `X-Wireup-CSRF`. Every error answer
 * becomes an ApiError carrying the API's own code, message and details, so views can show it
 * where it happened in the API's words.
 */

/** An error answered by the API (`{error:{code, message, details}}`), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remembers the session's CSRF token (from GET /auth/session or sign-in). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the API answers 401 (not signed in, or the session expired). */
export function onSessionLost(handler: () => void): void {
  onUnauthorized = handler;
}

/** Sends a request; resolves with the parsed JSON body (undefined for 204), rejects with ApiError. */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const unsafe = !['GET', 'HEAD'].includes(method);
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(unsafe && csrfToken ? { 'x-wireup-csrf': csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', `Wireup could not be reached: ${(error as Error).message}`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    if (res.status === 401 && onUnauthorized) onUnauthorized();
    throw new ApiError(
      res.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? `Wireup answered ${res.status} ${res.statusText}`,
      error?.details,
    );
  }
  return parsed as T;
}
