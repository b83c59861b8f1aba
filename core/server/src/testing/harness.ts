/**
 * Test harness: a real Wireup on a random loopback port with a temporary data folder, a
 * fake Kustomer server, and small helpers to call the API and sign Stripe events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { loadConfig, type Config } from '../config.ts';
import { createWireup, type Wireup } from '../wireup.ts';

export const testToken = 'test-token-0123456789';
export const stripeWebhookSecret = 'whsec_test_secret_for_wireup';
export const stripeMockUrl = process.env.STRIPE_MOCK_URL ?? 'http://127.0.0.1:12111';

export interface Harness {
  wireup: Wireup;
  kustomer: FakeKustomer;
  dataDir: string;
  api<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** Environment every harness (and spawned server) gets. */
export function testEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WIREUP_DATA_DIR: dataDir,
    WIREUP_API_TOKEN: testToken,
    WIREUP_EGRESS_ALLOW_PRIVATE: 'true',
    WIREUP_STRIPE_API_BASE: stripeMockUrl,
    WIREUP_RETRY_INITIAL_DELAY_MS: '20',
    WIREUP_RETRY_MAX_DELAY_MS: '200',
    WIREUP_RETRY_MAX_ATTEMPTS: '4',
    PORT: '0',
    HOST: '127.0.0.1',
    // Spawned servers read the services' Verdaccio instead of each embedding one on 4873.
    WIREUP_REGISTRY_URL: process.env.WIREUP_REGISTRY_URL ?? 'http://127.0.0.1:4874',
  };
}

/** Calls the API of a running Wireup. */
export async function callApi<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${testToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T };
}

/** Starts Wireup in-process on the embedded default (or the configured backends) with a fake Kustomer. */
export async function startHarness(
  overrides: Partial<Config> = {},
  options: { dataDir?: string; kustomer?: FakeKustomer; env?: NodeJS.ProcessEnv } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'wireup-test-'));
  const kustomer = options.kustomer ?? (await createFakeKustomer({ apiKey: 'kustomer-test-key' }));
  // The server's configuration, as an operator gives it: variables (options.env wins over the test defaults).
  const env = { ...testEnv(dataDir), ...options.env };
  // In-process servers log nothing unless WIREUP_LOG_LEVEL asks (vitest's output stays readable).
  const quiet: Partial<Config> = process.env.WIREUP_LOG_LEVEL ? {} : { logLevel: 'silent' };
  const wireup = await createWireup(loadConfig(env, { ...quiet, ...overrides }));
  await wireup.start();
  return {
    wireup,
    kustomer,
    dataDir,
    api: (method, path, body, headers) => callApi(wireup.url, method, path, body, headers),
    async close() {
      await wireup.stop();
      if (!options.kustomer) await kustomer.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A Stripe event envelope around an object, like Stripe sends. */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  id = `evt_${Math.random().toString(36).slice(2, 14)}`,
) {
  return {
    id,
    object: 'event',
    api_version: '2024-06-20',
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

/** A failed card charge as Stripe describes it. */
export function failedCharge(overrides: Record<string, unknown> = {}) {
  return {
    id: 'ch_3PfailedCharge01',
    object: 'charge',
    amount: 4200,
    currency: 'usd',
    customer: 'cus_Q1customer01',
    status: 'failed',
    paid: false,
    failure_code: 'card_declined',
    failure_message: 'Your card was declined.',
    billing_details: { email: 'ada@example.com', name: 'Ada Lovelace', phone: null },
    receipt_email: null,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    ...overrides,
  };
}

/** Posts a body signed as Stripe would sign it (the stripe SDK's test-header helper). */
export async function postSigned(
  url: string,
  payload: string,
  options: { secret?: string; timestamp?: number; headers?: Record<string, string> } = {},
) {
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? stripeWebhookSecret,
    timestamp: options.timestamp,
  });
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature, ...options.headers },
    body: payload,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
