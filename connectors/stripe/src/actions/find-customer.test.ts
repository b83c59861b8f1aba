import { describe, expect, it } from 'vitest';
import { searchLiteral } from './find-customer.ts';

describe('searchLiteral', () => {
  it("quotes a value for Stripe's search syntax, escaping quotes and backslashes", () => {
    expect(searchLiteral('jenny@example.com')).toBe("'jenny@example.com'");
    expect(searchLiteral("o'brien@example.com")).toBe("'o\\'brien@example.com'");
    expect(searchLiteral('a\\b')).toBe("'a\\\\b'");
  });

  it('cannot be broken out of to add search clauses', () => {
    const literal = searchLiteral("x' OR email:'victim@example.com");
    // Every quote inside is escaped, so the literal is one value between its outer quotes.
    expect(literal.slice(1, -1)).not.toMatch(/(^|[^\\])'/);
  });
});
