import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectorManifest } from '@wireup/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from './build-site.ts';
import { readPage, type PageFacts } from './testing/read-page.ts';
import { stripeAndKustomer } from './testing/stripe-kustomer.ts';

const BASE = 'https://wireup.example.com';
let outDir: string;
let stripe: ConnectorManifest;
let kustomer: ConnectorManifest;
let forward: PageFacts;
let mirror: PageFacts;

const read = (path: string): PageFacts => readPage(readFileSync(join(outDir, path), 'utf8'));
const action = (key: string) => kustomer.actions.find((a) => a.key === key)!;
const trigger = (key: string) => stripe.triggers.find((t) => t.key === key)!;

beforeAll(async () => {
  const loaded = await stripeAndKustomer();
  ({ stripe, kustomer } = loaded);
  outDir = mkdtempSync(join(tmpdir(), 'pair-pages-facts-'));
  // The run log says Charge Failed → Create Conversation is the most used, then New Customer → Create Customer.
  const usage = [
    { trigger: 'stripe.charge-failed', action: 'kustomer.create-conversation', count: 120 },
    { trigger: 'stripe.new-customer', action: 'kustomer.create-customer', count: 45 },
    { trigger: 'stripe.no-such-trigger', action: 'kustomer.create-customer', count: 999 },
  ];
  await buildSite({ manifests: loaded.manifests, outDir, baseUrl: BASE, usage });
  forward = read('integrations/stripe/with/kustomer/index.html');
  mirror = read('integrations/kustomer/with/stripe/index.html');
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('Stripe → Kustomer pair page', () => {
  it('reads the real Stripe manifest with 10 triggers and 31 actions and a Kustomer one with 4 actions', () => {
    expect([stripe.triggers.length, stripe.actions.length, kustomer.actions.length]).toEqual([10, 31, 4]);
  });

  it('has the hero and both apps with their counts', () => {
    expect(forward.text).toContain('Connect Stripe to Kustomer in two minutes');
    expect(forward.text).toContain('Stripe as the trigger');
    expect(forward.text).toContain('See all 10 triggers →');
    expect(forward.text).toContain('Kustomer as the action');
    expect(forward.text).toContain('See all 4 actions →');
  });

  it('shows both directions with their counts, the most-used pairing and a link to the mirror', () => {
    expect(forward.text).toContain('10 Stripe triggers wired to 4 Kustomer actions.');
    expect(forward.text).toContain(
      `Most-used pairing: ${trigger('charge-failed').displayName} → ${action('create-conversation').displayName}.`,
    );
    expect(forward.text).toContain(
      `${kustomer.triggers.length} Kustomer trigger${kustomer.triggers.length === 1 ? '' : 's'} wired to 31 Stripe actions.`,
    );
    expect(forward.links).toContain('/integrations/kustomer/with/stripe/');
    expect(mirror.links).toContain('/integrations/stripe/with/kustomer/');
  });

  it('shows 9 of 40 combinations, most used first, each opening the editor', () => {
    expect(forward.text).toContain('Showing 9 of 40 combinations');
    const editor = forward.links.filter((l) => l.startsWith('/editor/new?'));
    expect(editor[0]).toBe(
      '/editor/new?trigger=stripe.charge-failed&action=kustomer.create-conversation&recipe=kustomer.stripe-charge-failed-conversation',
    );
    const cards = [...new Set(editor)];
    expect(cards).toHaveLength(9);
    expect(cards[1]).toBe('/editor/new?trigger=stripe.new-customer&action=kustomer.create-customer');
    expect(forward.text).toContain(
      `When ${trigger('charge-failed').displayName.toLowerCase()} in Stripe, ${action('create-conversation').displayName.toLowerCase()} in Kustomer`,
    );
    // Cards say what each workflow does (the recipe's words, else the action's first sentence) and
    // when it runs; the trigger's description is on its own page, not repeated on every card.
    expect(forward.text).toContain(kustomer.recipes![0].description);
    expect(forward.text).toContain('Runs on each charge.failed event from Stripe.');
    expect(forward.text).toContain(action('create-customer').description.split('. ')[0]);
    expect(forward.text).not.toContain(trigger('charge-failed').description.replace(/`/g, ''));
  });

  it("explains the five steps with the real webhook path and the recipe's actions and mappings", () => {
    for (const step of ['1. Connect', '2. Trigger', '3. Transform', '4. Action', '5. Publish'])
      expect(forward.text).toContain(step);
    expect(forward.text).toContain('POST /v1/webhooks/stripe/<token>');
    expect(forward.text).toMatch(/kustomer\.search-customers\s+externalId\s+\{\{trigger\.data\.object\.customer\}\}/);
    expect(forward.text).toMatch(/createIfMissing\s+true/);
    expect(forward.text).toMatch(
      /kustomer\.create-conversation\s+customer\s+\{\{steps\.find-customer\.output\.customer\.id\}\}/,
    );
    // A Stripe customer id is never mapped into Kustomer's customer (a Kustomer id).
    expect(forward.text).not.toMatch(/customer\s+\{\{trigger\.data\.object\.customer\}\}/);
  });

  it('answers the FAQ in the page and in FAQPage JSON-LD', () => {
    const graph = (forward.jsonLd[0] as { '@graph': Array<{ '@type': string; mainEntity?: Array<{ name: string }> }> })[
      '@graph'
    ];
    const questions = graph.find((n) => n['@type'] === 'FAQPage')!.mainEntity!.map((q) => q.name);
    expect(questions.length).toBeGreaterThanOrEqual(5);
    for (const q of questions) expect(forward.text).toContain(q);
    expect(questions).toContain('What if I want Kustomer → Stripe instead?');
  });

  it('links related apps to their pair pages', () => {
    expect(forward.text).toContain('Other apps that pair with Stripe.');
    expect(forward.links).toContain('/integrations/stripe/with/postbox/');
  });
});

describe('Kustomer → Stripe mirror page', () => {
  it('says honestly when Kustomer has no triggers and points to Stripe → Kustomer', () => {
    if (kustomer.triggers.length) {
      // Once the Kustomer connector ships triggers, the mirror is a full pair page.
      expect(mirror.text).toContain('Connect Kustomer to Stripe in two minutes');
      expect(mirror.text).toContain(
        `Showing ${Math.min(9, kustomer.triggers.length * 31)} of ${kustomer.triggers.length * 31} combinations`,
      );
      return;
    }
    expect(mirror.text).toContain(
      'Kustomer has no triggers in Wireup yet, so nothing that happens in Kustomer can start a workflow.',
    );
    expect(mirror.text).toContain('The other way round works: 10 Stripe triggers wired to 4 Kustomer actions.');
    expect(mirror.text).toContain('0 Kustomer triggers wired to 31 Stripe actions.');
    expect(mirror.text).not.toContain('Showing');
    expect(mirror.links.filter((l) => l === '/integrations/stripe/with/kustomer/').length).toBeGreaterThanOrEqual(2);
  });
});
