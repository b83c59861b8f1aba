import { describe, expect, it } from 'vitest';
import { loggedUrl } from './request-log.ts';

describe('loggedUrl', () => {
  it('cuts the connection token out of webhook URLs, keeping the hook and the query', () => {
    expect(loggedUrl('/v1/webhooks/stripe.trigger-charge-failed/tok_Secret123?x=1')).toBe(
      '/v1/webhooks/stripe.trigger-charge-failed/[redacted]?x=1',
    );
    expect(loggedUrl('//v1//webhooks/stripe/tok_Secret123/more')).toBe('//v1//webhooks/stripe/[redacted]');
    expect(loggedUrl('/v1/%77ebhooks/stripe/tok_Secret123', '/v1/webhooks/:hook/:token')).toBe(
      '/v1/webhooks/:hook/:token',
    );
  });

  it('leaves other URLs as they are, up to 256 characters', () => {
    expect(loggedUrl('/v1/runs?status=failed', '/v1/runs')).toBe('/v1/runs?status=failed');
    expect(loggedUrl(`/v1/runs/${'x'.repeat(300)}`)).toHaveLength(257);
  });
});
