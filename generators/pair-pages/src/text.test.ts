import { describe, expect, it } from 'vitest';
import { firstSentence } from './text.ts';

describe('firstSentence', () => {
  it('ends at the first full stop that ends a sentence, never inside one', () => {
    expect(firstSentence('Gets a customer by id. A deleted customer comes back with `deleted: true`.')).toBe(
      'Gets a customer by id.',
    );
    expect(
      firstSentence("Finds customers by email, or by a query (e.g. `name:'Jenny'. Then`). Returns the first."),
    ).toBe("Finds customers by email, or by a query (e.g. `name:'Jenny'. Then`).");
    expect(firstSentence('Sends it, e.g. Stripe does. Then stops.')).toBe('Sends it, e.g. Stripe does.');
    expect(firstSentence('Records a message (POST /v1/conversations/{id}/messages): it shows on the timeline.')).toBe(
      'Records a message (POST /v1/conversations/{id}/messages): it shows on the timeline.',
    );
    expect(firstSentence('One sentence without a full stop')).toBe('One sentence without a full stop');
  });
});
