import { describe, expect, it } from 'vitest';
import { isPrivateHost, unreachableWebhookUrl } from './public-url.ts';

describe('webhook URLs a provider can reach', () => {
  it('loopback, private, localhost and dotless names are private; public names and addresses are not', () => {
    for (const host of [
      '127.0.0.1',
      '[::1]',
      '10.1.2.3',
      '192.168.0.9',
      'localhost',
      'app.localhost',
      'laptop',
      'box.local',
    ])
      expect(isPrivateHost(host), host).toBe(true);
    for (const host of ['wireup.example.com', 'abc.trycloudflare.com', '93.184.216.34'])
      expect(isPrivateHost(host), host).toBe(false);
  });

  it('refuses a private URL with the tunnel and stripe listen advice, unless private egress is allowed for it', () => {
    const why = unreachableWebhookUrl('http://127.0.0.1:8080', false, 'Stripe');
    expect(why).toMatch(/^Stripe cannot reach http:\/\/127\.0\.0\.1:8080/);
    expect(why).toMatch(/WIREUP_PUBLIC_URL/);
    expect(why).toMatch(/stripe listen --forward-to/);
    expect(unreachableWebhookUrl('https://wireup.example.com', false, 'Stripe')).toBeNull();
    expect(unreachableWebhookUrl('http://127.0.0.1:8080', true, 'Stripe')).toBeNull();
    expect(unreachableWebhookUrl('http://10.0.0.5:8080', ['10.0.0.0/8'], 'Stripe')).toBeNull();
    expect(unreachableWebhookUrl('http://127.0.0.1:8080', ['10.0.0.0/8'], 'Stripe')).not.toBeNull();
  });
});
