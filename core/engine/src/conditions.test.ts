import { describe, expect, it } from 'vitest';
import { compare, evaluateConditions } from './conditions.ts';
import { MAX_PATTERN_LENGTH, MAX_SUBJECT_LENGTH } from './pattern.ts';
import type { TemplateContext } from './template.ts';

const context: TemplateContext = {
  trigger: {
    data: {
      object: {
        failure_code: 'card_declined',
        amount: 1250,
        currency: 'usd',
        tags: ['vip', 'eu'],
        created: '2024-05-01T10:00:00Z',
        email: '',
      },
    },
  },
  steps: {},
};

describe('compare', () => {
  it.each([
    ['equals', 'card_declined', 'card_declined', true],
    ['equals', 1250, '1250', true],
    ['equals', 'USD', 'usd', false],
    ['not_equals', 'a', 'b', true],
    ['contains', 'card_declined', 'declined', true],
    ['contains', ['vip', 'eu'], 'vip', true],
    ['contains', ['vip', 'eu'], 'vi', false],
    ['not_contains', 'card_declined', 'expired', true],
    ['starts_with', 'card_declined', 'card_', true],
    ['ends_with', 'card_declined', '_declined', true],
    ['gt', 1250, 1000, true],
    ['gt', '9', '10', false],
    ['gte', 10, '10', true],
    ['lt', '2024-01-01', '2024-05-01', true],
    ['lte', 5, 4, false],
    ['gt', 'abc', 3, false],
    ['exists', 'x', undefined, true],
    ['exists', '', undefined, false],
    ['exists', null, undefined, false],
    ['not_exists', undefined, undefined, true],
    ['matches', 'card_declined', '^card_(declined|expired)$', true],
    ['matches', 'insufficient_funds', '^card_', false],
  ] as const)('%s(%j, %j) is %s', (op, left, right, expected) => {
    expect(compare(op, left, right)).toBe(expected);
  });

  it('refuses an invalid pattern with a clear error', () => {
    expect(() => compare('matches', 'x', '([')).toThrow(/not a pattern the linear-time regex engine \(RE2\) accepts/);
    expect(() => compare('matches', 'aa', '(a)\\1')).toThrow(/invalid escape sequence/);
  });

  it('matches in linear time: ^(a+)+$ against 34 a\'s and "!" answers at once', () => {
    const started = performance.now();
    expect(compare('matches', `${'a'.repeat(34)}!`, '^(a+)+$')).toBe(false);
    expect(compare('matches', 'a'.repeat(34), '^(a+)+$')).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('translates JavaScript spellings (named groups) and keeps RegExp#test semantics (match anywhere)', () => {
    expect(compare('matches', 'paid 2024-05', '(?<year>\\d{4})-\\d{2}')).toBe(true);
    expect(compare('matches', 'card_declined', 'declined')).toBe(true);
  });

  it('refuses a pattern or a subject over the documented caps', () => {
    expect(() => compare('matches', 'x', 'a'.repeat(MAX_PATTERN_LENGTH + 1))).toThrow(/the limit is 500/);
    expect(() => compare('matches', 'a'.repeat(MAX_SUBJECT_LENGTH + 1), '^a')).toThrow(/the limit is 10000/);
    expect(compare('matches', 'a'.repeat(MAX_SUBJECT_LENGTH), '^a+$')).toBe(true);
  });
});

describe('evaluateConditions', () => {
  it('needs every condition for all, one for any, and records each rendered side', () => {
    const all = evaluateConditions(
      {
        all: [
          { left: '{{trigger.data.object.failure_code}}', op: 'equals', right: 'card_declined' },
          { left: '{{trigger.data.object.amount}}', op: 'gt', right: 5000 },
        ],
      },
      context,
    );
    expect(all.passed).toBe(false);
    expect(all.results.map((r) => [r.left, r.passed])).toEqual([
      ['card_declined', true],
      [1250, false],
    ]);
    const any = evaluateConditions(
      {
        any: [
          { left: '{{trigger.data.object.currency}}', op: 'equals', right: 'eur' },
          { left: '{{trigger.data.object.tags}}', op: 'contains', right: 'vip' },
        ],
      },
      context,
    );
    expect(any.passed).toBe(true);
  });

  it('treats a missing field as not existing', () => {
    expect(
      evaluateConditions({ all: [{ left: '{{trigger.data.object.nope}}', op: 'not_exists' }] }, context).passed,
    ).toBe(true);
    expect(evaluateConditions({ all: [{ left: '{{trigger.data.object.email}}', op: 'exists' }] }, context).passed).toBe(
      false,
    );
  });
});
