/**
 * Browser sessions for the editor. `wireup start` prints a sign-in link with a one-time code
 * (as Jupyter does); redeeming it (or the API token) opens a session: an HttpOnly,
 * SameSite=Strict cookie plus a CSRF token the editor sends back in `X-Wireup-CSRF` on every
 * request that changes something. Codes and sessions live in the Store's key-value repository,
 * hashed, so they survive a restart and every process of a deployment sees them.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyValueRepository } from '@wireup/store';

/** How long a session lasts (absolute, not sliding). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** How long an unused sign-in code stays valid. */
export const SIGN_IN_CODE_TTL_MS = 24 * 60 * 60 * 1000;
/** The session cookie's name. */
export const SESSION_COOKIE = 'wireup_session';
/** The header carrying the CSRF token on cookie-authenticated requests. */
export const CSRF_HEADER = 'x-wireup-csrf';

export interface Session {
  /** The cookie value (kept only hashed in the store). */
  id: string;
  csrfToken: string;
  expiresAt: string;
}

interface StoredSession {
  csrfToken: string;
  expiresAt: string;
}
interface StoredCode {
  expiresAt: string;
}

export interface Sessions {
  /** A new one-time sign-in code. */
  issueSignInCode(): Promise<string>;
  /** Opens a session for a valid, unused code (which is then spent); null otherwise. */
  redeemCode(code: string): Promise<Session | null>;
  /** Opens a session without a code (the caller has checked the API token). */
  open(): Promise<Session>;
  /** The live session with this cookie value, or null (unknown or expired). */
  get(id: string): Promise<Session | null>;
  end(id: string): Promise<void>;
}

const hash = (s: string) => createHash('sha256').update(s).digest('base64url');
const token = () => randomBytes(24).toString('base64url');

/** Sessions kept in the key-value repository; `now` is injectable for expiry tests. */
export function createSessions(kv: KeyValueRepository, now: () => number = Date.now): Sessions {
  const sessionKey = (id: string) => `session:${hash(id)}`;
  const codeKey = (code: string) => `sign-in-code:${hash(code)}`;
  const expired = (iso: string) => Date.parse(iso) <= now();

  const open = async (): Promise<Session> => {
    const session = { id: token(), csrfToken: token(), expiresAt: new Date(now() + SESSION_TTL_MS).toISOString() };
    await kv.set(sessionKey(session.id), {
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    } satisfies StoredSession);
    return session;
  };

  return {
    async issueSignInCode() {
      const code = token();
      await kv.set(codeKey(code), {
        expiresAt: new Date(now() + SIGN_IN_CODE_TTL_MS).toISOString(),
      } satisfies StoredCode);
      return code;
    },
    async redeemCode(code) {
      if (!code || code.length > 200) return null;
      const key = codeKey(code);
      const stored = await kv.get<StoredCode>(key);
      if (!stored) return null;
      await kv.delete(key);
      return expired(stored.expiresAt) ? null : open();
    },
    open,
    async get(id) {
      if (!id || id.length > 200) return null;
      const stored = await kv.get<StoredSession>(sessionKey(id));
      if (!stored) return null;
      if (expired(stored.expiresAt)) {
        await kv.delete(sessionKey(id));
        return null;
      }
      return { id, ...stored };
    },
    async end(id) {
      if (id) await kv.delete(sessionKey(id));
    },
  };
}

/** Constant-time comparison of a CSRF header with the session's token. */
export function csrfMatches(header: string | string[] | undefined, session: Session): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(hash(header));
  const b = Buffer.from(hash(session.csrfToken));
  return timingSafeEqual(a, b);
}

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** The Set-Cookie header of a session (or of its removal when `session` is null). */
export function sessionCookie(session: Session | null, secure: boolean): string {
  const attributes = `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
  if (!session) return `${SESSION_COOKIE}=; ${attributes}; Max-Age=0`;
  const maxAge = Math.max(0, Math.floor((Date.parse(session.expiresAt) - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${encodeURIComponent(session.id)}; ${attributes}; Max-Age=${maxAge}`;
}
