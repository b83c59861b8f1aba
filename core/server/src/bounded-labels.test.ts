import { describe, expect, it } from 'vitest';
import { createBoundedLabel, httpMethodLabel } from './bounded-labels.ts';

describe('bounded labels', () => {
  it('keeps the first values up to the limit, then answers other', () => {
    const label = createBoundedLabel(2);
    expect([label('A'), label('B'), label('C'), label('A'), label('B')]).toEqual(['A', 'B', 'other', 'A', 'B']);
  });

  it('turns odd values (empty, long, quotes, spaces) into other without using up the limit', () => {
    const label = createBoundedLabel(1);
    expect([label(''), label('x'.repeat(65)), label('a"b'), label('a b')]).toEqual([
      'other',
      'other',
      'other',
      'other',
    ]);
    expect(label('SIGNATURE_INVALID')).toBe('SIGNATURE_INVALID');
  });

  it('names only the usual HTTP methods', () => {
    expect([httpMethodLabel('GET'), httpMethodLabel('PROPFIND'), httpMethodLabel('get')]).toEqual([
      'GET',
      'other',
      'other',
    ]);
  });
});
