/**
 * The connectors this server runs. Until the marketplace installs packages at run time, the
 * first-party connectors are linked here, at the composition root.
 */
import type { Connector } from '@wireup/sdk';
import type { ConnectorCatalog } from '@wireup/engine';
import stripe from '@wireup/connector-stripe';
import kustomer from '@wireup/connector-kustomer';
import openai from '@wireup/connector-openai';

/** A catalog over a fixed list of connectors. */
export function createCatalog(connectors: Connector[]): ConnectorCatalog {
  const byName = new Map(connectors.map((c) => [c.manifest.name, c]));
  return { get: (name) => byName.get(name), list: () => [...byName.values()] };
}

/** The connectors shipped with Wireup. */
export function firstPartyConnectors(): Connector[] {
  return [stripe, kustomer, openai];
}
