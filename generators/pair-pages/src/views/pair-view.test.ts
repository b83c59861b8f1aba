import { describe, expect, it } from 'vitest';
import { summarize } from '../app-summary.ts';
import { kustomerFixture, postboxFixture, stripeFixture } from '../testing/fixture-manifests.ts';
import { indexUsage, pairKey } from '../usage-index.ts';
import { pairView } from './pair-view.ts';

const site = { baseUrl: 'https://w.example' };
const stripe = summarize(stripeFixture()).asTrigger;
const kustomer = summarize(kustomerFixture()).asAction;
const postbox = summarize(postboxFixture()).asTrigger;

describe('pairView', () => {
  it('without usage, calls the first trigger × first action the most-used pairing and lists pairings in manifest order', () => {
    const view = pairView({ site, a: stripe, b: kustomer, related: [], usage: [] });
    expect(view.forward.mostUsed).toEqual({
      trigger: stripe.triggers[0].displayName,
      action: kustomer.actions[0].displayName,
    });
    expect(view.pairings.items.map((p) => p.href)).toEqual(
      stripe.triggers
        .flatMap((t) => kustomer.actions.map((a) => `/editor/new?trigger=stripe.${t.key}&action=kustomer.${a.key}`))
        .slice(0, 9),
    );
  });

  it('with usage, ranks pairings by count, skips unknown keys, and shows the counts', () => {
    const usage = indexUsage([
      { trigger: 'stripe.invoice-paid', action: 'kustomer.send-message', count: 2 },
      { trigger: 'stripe.invoice-paid', action: 'kustomer.send-message', count: 5 },
      { trigger: 'stripe.gone', action: 'kustomer.send-message', count: 50 },
      { trigger: 'stripe.new-dispute', action: 'kustomer.create-conversation', count: 4 },
    ]).get(pairKey('stripe', 'kustomer'))!;
    const view = pairView({ site, a: stripe, b: kustomer, related: [], usage });
    expect(view.forward.mostUsed).toEqual({ trigger: 'Invoice Paid', action: 'Send Message' });
    expect(view.pairings.items.slice(0, 2).map((p) => [p.title, p.count])).toEqual([
      ['When invoice paid in Stripe, send message in Kustomer', '7 workflows'],
      ['When new dispute in Stripe, create conversation in Kustomer', '4 workflows'],
    ]);
    // The connection's webhook path as publish answers it, its token a placeholder.
    expect(view.steps[1].code).toEqual([
      { label: 'Webhook', value: 'POST /v1/webhooks/stripe/', placeholder: '<token>' },
    ]);
    // Each card says what it does and when it runs, not the trigger's description again.
    const texts = view.pairings.items.map((p) => `${p.descriptionHtml} ${p.whenHtml}`);
    expect(new Set(texts).size).toBe(texts.length);
    expect(view.pairings.items[0].whenHtml).toBe('Runs on each <code>invoice.paid</code> event from Stripe.');
  });

  it('describes a polling trigger without a webhook path', () => {
    const view = pairView({ site, a: postbox, b: kustomer, related: [], usage: [] });
    expect(view.steps[1].text).toContain('every 2 minutes');
    expect(view.steps[1].code).toEqual([]);
    expect(view.faq[1].answer).toMatch(/^Nearly\./);
  });

  it("drops the page's own action app from the related apps", () => {
    const related = [
      { name: 'kustomer', displayName: 'Kustomer' },
      { name: 'postbox', displayName: 'Postbox' },
    ];
    expect(pairView({ site, a: stripe, b: kustomer, related, usage: [] }).related).toEqual([
      { label: 'Postbox', href: '/integrations/stripe/with/postbox/' },
    ]);
  });
});
