/**
 * The server serves the generated pair pages at /integrations/ and rebuilds them when
 * publishing changes which pairing is used most.
 */
import { describe, expect, it } from 'vitest';
import { eventually } from '../testing/harness.ts';
import { useScenario } from '../testing/use-scenario.ts';

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

describe('pair pages served by the server', () => {
  const { h, s } = useScenario();

  const page = async (path: string) => {
    const res = await fetch(`${h.wireup.url}${path}`);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };

  it('serves the Stripe → Kustomer page and its mirror, the index, sitemap and robots.txt', async () => {
    const pair = await page('/integrations/stripe/with/kustomer/');
    expect(pair.status).toBe(200);
    expect(pair.type).toMatch(/text\/html/);
    expect(text(pair.body)).toContain('Connect Stripe to Kustomer');
    expect(pair.body).toContain('/integrations/kustomer/with/stripe/');
    expect((await page('/integrations/kustomer/with/stripe/')).status).toBe(200);
    expect((await page('/integrations/')).status).toBe(200);
    expect((await page('/sitemap.xml')).body).toContain('/integrations/stripe/with/kustomer/');
    expect((await page('/robots.txt')).body).toMatch(/Sitemap:/i);
    const redirect = await fetch(`${h.wireup.url}/integrations`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
  });

  it('never serves a file outside the site', async () => {
    for (const path of [
      '/integrations/../secret.key',
      '/integrations/%2e%2e/api-token',
      '/integrations/..%2f..%2fapi-token',
    ]) {
      const res = await page(path);
      expect(res.status, path).toBe(404);
      expect(res.body).not.toMatch(/^wu_/);
    }
  });

  it('rebuilds after publishing: the most-used pairing follows the published workflows', async () => {
    const before = text((await page('/integrations/stripe/with/kustomer/')).body);
    expect(before).toMatch(/Most-used pairing: Charge failed → Create conversation/i);
    for (let i = 0; i < 2; i++) {
      const wf = await h.api('POST', '/v1/workflows', {
        name: `New customers ${i}`,
        trigger: { connector: 'stripe', trigger: 'new-customer', connection: s.stripeConnection },
        steps: [
          {
            id: 'mirror',
            type: 'action',
            connector: 'kustomer',
            action: 'create-customer',
            connection: s.kustomerConnection,
            input: { name: '{{trigger.data.object.name}}' },
          },
        ],
      });
      expect(wf.status).toBe(201);
      expect((await h.api('POST', `/v1/workflows/${wf.body.id}/publish`)).status).toBe(200);
    }
    await eventually(
      async () =>
        /Most-used pairing: New customer → Create customer/i.test(
          text((await page('/integrations/stripe/with/kustomer/')).body),
        )
          ? true
          : undefined,
      15_000,
      'the rebuilt page',
    );
  });
});
