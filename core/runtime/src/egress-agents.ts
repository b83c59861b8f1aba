/**
 * Kept-alive HTTP and HTTPS agents whose sockets connect only where the egress guard allows:
 * each new connection resolves its host through `guardedLookup`, so the address checked is the
 * address connected to. The SDK's HTTP client uses them, and so does any connector whose
 * provider SDK makes its own requests (Stripe's `httpAgent`).
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { EgressAllowance } from '@wireup/sdk';
import { guardedLookup, type Resolver } from './egress-guard.ts';

export interface EgressAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** New egress-guarded agents (one socket pool each). */
export function createEgressAgents(allowPrivate: EgressAllowance, resolve?: Resolver): EgressAgents {
  const lookup = guardedLookup(allowPrivate, resolve);
  return { http: new HttpAgent({ keepAlive: true, lookup }), https: new HttpsAgent({ keepAlive: true, lookup }) };
}

const shared = new Map<string, EgressAgents>();

/** Process-wide egress-guarded agents for this setting (for provider SDKs that cache their clients). */
export function sharedEgressAgents(allowPrivate: EgressAllowance): EgressAgents {
  const key = JSON.stringify(allowPrivate);
  let agents = shared.get(key);
  if (!agents) {
    agents = createEgressAgents(allowPrivate);
    shared.set(key, agents);
  }
  return agents;
}
