import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from '@wireup/engine';
import { loadConfig } from './config.ts';

describe('loadConfig: retry policy', () => {
  it('gives the engine defaults for every WIREUP_RETRY_* variable that is unset or empty', () => {
    expect(loadConfig({}).retry).toEqual(defaultRetryPolicy);
    expect(loadConfig({ WIREUP_RETRY_INITIAL_DELAY_MS: '', WIREUP_RETRY_MAX_ATTEMPTS: '' }).retry).toEqual(
      defaultRetryPolicy,
    );
    for (const value of Object.values(loadConfig({}).retry)) expect(Number.isFinite(value)).toBe(true);
  });

  it('overrides only the fields whose variable is set', () => {
    expect(loadConfig({ WIREUP_RETRY_INITIAL_DELAY_MS: '20' }).retry).toEqual({
      ...defaultRetryPolicy,
      initialDelayMs: 20,
    });
    expect(loadConfig({ WIREUP_RETRY_MAX_ATTEMPTS: '2', WIREUP_RETRY_MAX_DELAY_MS: '900' }).retry).toEqual({
      ...defaultRetryPolicy,
      maxAttempts: 2,
      maxDelayMs: 900,
    });
  });

  it('refuses a value that is not a whole number, naming the variable', () => {
    expect(() => loadConfig({ WIREUP_RETRY_INITIAL_DELAY_MS: 'soon' })).toThrow(/WIREUP_RETRY_INITIAL_DELAY_MS=soon/);
    expect(() => loadConfig({ WIREUP_RETRY_MAX_ATTEMPTS: '0' })).toThrow(
      /WIREUP_RETRY_MAX_ATTEMPTS=0 is not a whole number ≥ 1/,
    );
  });
});

describe('loadConfig: connector settings', () => {
  it('hands Stripe its apiBase from WIREUP_STRIPE_API_BASE; unset or blank gives no setting (the connector default)', () => {
    expect(loadConfig({ WIREUP_STRIPE_API_BASE: 'http://127.0.0.1:12111' }).connectorSettings).toEqual({
      stripe: { apiBase: 'http://127.0.0.1:12111' },
    });
    expect(loadConfig({}).connectorSettings).toEqual({});
    expect(loadConfig({ WIREUP_STRIPE_API_BASE: '  ' }).connectorSettings).toEqual({});
  });
});
