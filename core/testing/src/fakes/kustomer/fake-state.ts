/**
 * What the fake Kustomer keeps, and the shape of its route handlers. Tests read the state
 * through the FakeKustomer object; handlers change it.
 */
import type { FakeReply, KustomerResource } from './json-api.ts';

/** Everything the fake stores, in creation order. Arrays are cleared in place by `reset()`. */
export interface FakeKustomerState {
  customers: KustomerResource[];
  conversations: KustomerResource[];
  messages: KustomerResource[];
  drafts: KustomerResource[];
  outboundWebhooks: KustomerResource[];
}

/** What a route handler gets: the state, path parameters, query and parsed JSON body. */
export interface RouteContext {
  state: FakeKustomerState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  path: string;
}

/** One route: method, a path pattern with `:name` segments, and its handler. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: string;
  handle(ctx: RouteContext): FakeReply;
}

/** Matches `/v1/customers/:id/drafts` against a path; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (!got[i]) return null;
      params[want[i].slice(1)] = decodeURIComponent(got[i]);
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}

/** An empty state. */
export function emptyState(): FakeKustomerState {
  return { customers: [], conversations: [], messages: [], drafts: [], outboundWebhooks: [] };
}
