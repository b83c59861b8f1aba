/**
 * Runtime shapes of a connector: the manifest data (generated type) plus the code that
 * implements its triggers and actions. Definition (data) and execution (functions) are kept
 * apart so the manifest can be read without running any connector code.
 */
import type { ConnectorManifest } from './generated/manifest.ts';
import type { HttpClient } from './http.ts';

export type { ConnectorManifest } from './generated/manifest.ts';
export type ManifestTrigger = ConnectorManifest['triggers'][number];
export type ManifestAction = ConnectorManifest['actions'][number];
export type AuthField = ConnectorManifest['auth']['fields'][number];

/** A JSON Schema (draft-07) object. */
export type JsonSchema = { [key: string]: unknown };

/** Decrypted auth fields of a connection, keyed by the manifest's auth field keys. */
export type ConnectionAuth = Record<string, string>;

/**
 * A connector's settings, by key, as the operator configured them for this Wireup (e.g. Stripe's
 * `apiBase` from WIREUP_STRIPE_API_BASE). The composition root reads Wireup's configuration and
 * hands each connector its own; connectors never read `process.env`. A key that was not set is
 * absent, and the connector uses its default.
 */
export type ConnectorSettings = Readonly<Record<string, string>>;

/**
 * What a connector gets for each outbound call: the connection's auth, an egress-checked HTTP
 * client, its settings, and the signal that ends the call (the engine stopping).
 */
export interface ConnectorContext {
  auth: ConnectionAuth;
  http: HttpClient;
  /** Aborted when the work the call belongs to is cut short: pass it to every outbound call. */
  signal?: AbortSignal;
  /** This connector's settings from Wireup's configuration (absent: all defaults). */
  settings?: ConnectorSettings;
}

/** Context passed to an action's `run`. */
export interface ActionContext<I = Record<string, unknown>> extends ConnectorContext {
  input: I;
  /** Stable per run and step: repeat calls of the same step reuse it (Stripe's Idempotency-Key). */
  idempotencyKey: string;
}

/** An event received from a provider, after its signature was verified. */
export interface ProviderEvent {
  /** The provider's own event id; deliveries are deduplicated by it. */
  id: string;
  /** The provider's event type, matched against webhook triggers' `event`. */
  type: string;
  /** The event as the provider sent it: what `{{trigger.*}}` templates read. */
  payload: unknown;
}

/** A webhook delivery as received: the raw body bytes and lower-cased headers. */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** The provider-side endpoint that auto-registration made for a connection. */
export interface WebhookRegistration {
  /** The provider's id of the endpoint (Stripe `we_...`, Kustomer outbound webhook id). */
  id: string;
  /** The event types the endpoint is subscribed to. */
  events: string[];
  /** The signing secret, when the provider returns one (only at creation, for Stripe). */
  secret?: string;
}

/** How a connector receives webhooks: verification on the raw body, and (optionally) registration. */
export interface WebhookHandler {
  /** Verifies the signature and parses the delivery. Throws SignatureInvalidError / PayloadInvalidError. */
  verify(request: WebhookRequest, auth: ConnectionAuth, now?: Date): ProviderEvent[] | Promise<ProviderEvent[]>;
  /**
   * Makes sure the provider sends `events` to `url` for this connection: creates the endpoint
   * when `existing` is null, else updates its events. Returns the registration (with the
   * signing secret when the provider gave one).
   */
  register?(
    ctx: ConnectorContext & { url: string; events: string[]; existing: WebhookRegistration | null },
  ): Promise<WebhookRegistration>;
  /** Removes the endpoint (the last workflow needing it was unpublished). */
  unregister?(ctx: ConnectorContext & { registration: WebhookRegistration }): Promise<void>;
  /** The auth field that stores the signing secret returned by `register` (e.g. `webhookSecret`). */
  secretField?: string;
  /**
   * For a connection whose user manages the provider's endpoint: one or two sentences saying
   * where to create it with this URL and these events, and where its signing secret goes
   * (publish answers it as `webhook.setup`).
   */
  setupHint?: (url: string, events: string[]) => string;
}

/** One record a poll found. */
export interface PollItem {
  /** Stable id of the record (or of this version of it, e.g. `<id>@<updated_at>`): the engine fires each id once per connection. */
  id: string;
  /** What `{{trigger.*}}` templates read. */
  payload: unknown;
}

/** A polling trigger's fetch: returns the items newer than the cursor, and the next cursor. */
export interface PollResult {
  /** Oldest first, so runs start in the order the records were made. */
  items: PollItem[];
  /** Where the next poll starts; stored by the engine once these items are durably accepted. */
  cursor: string | null;
  /** True when more items are waiting past `cursor`: the engine polls again at once instead of waiting an interval. */
  hasMore?: boolean;
}

/** What a polling trigger's `poll` receives: the connection's auth, the HTTP client, and the stored cursor. */
export interface PollContext extends ConnectorContext {
  /** The cursor the previous poll returned; null on the very first poll of a connection. */
  cursor: string | null;
}

export interface TriggerDefinition extends ManifestTrigger {
  /**
   * For polling triggers: fetch items since `cursor`. With `cursor` null (first poll) the
   * engine records what it gets without firing, so return the current state cheaply.
   */
  poll?: (ctx: PollContext) => Promise<PollResult>;
}

export interface ActionDefinition<I = any, O = any> extends ManifestAction {
  run: (ctx: ActionContext<I>) => Promise<O>;
}

/** The connector object a package exports as its default. */
export interface Connector {
  manifest: ConnectorManifest;
  triggers: Map<string, TriggerDefinition>;
  actions: Map<string, ActionDefinition>;
  webhook?: WebhookHandler;
  /** A cheap call that proves the credentials work. Throws AuthenticationError when they don't. */
  testConnection?: (ctx: ConnectorContext) => Promise<void>;
}
