import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectorsCommand, plural } from './connectors-command.ts';

afterEach(() => vi.restoreAllMocks());

describe('wireup connectors list', () => {
  it('says "1 trigger" but "10 triggers"', async () => {
    expect([plural(0, 'action'), plural(1, 'trigger'), plural(10, 'trigger')]).toEqual([
      '0 actions',
      '1 trigger',
      '10 triggers',
    ]);
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    expect(await connectorsCommand('list', [])).toBe(0);
    expect(out).toMatch(/^stripe@\S+ {2}Stripe: 10 triggers, 31 actions$/m);
    expect(out).toMatch(/^kustomer@\S+ {2}Kustomer: 5 triggers, 4 actions$/m);
  });
});
