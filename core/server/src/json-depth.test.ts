import { describe, expect, it } from 'vitest';
import { jsonTooDeepAt } from './json-depth.ts';

describe('jsonTooDeepAt', () => {
  it('passes JSON within the limit, brackets inside strings included', () => {
    expect(jsonTooDeepAt('{"a":[1,{"b":"[[[[{{{{\\"]]"}]}', 3)).toBeNull();
    expect(jsonTooDeepAt('[]', 1)).toBeNull();
    expect(jsonTooDeepAt('"just text"', 0)).toBeNull();
  });

  it('names where a deep body goes too deep, in one pass over 60,000 levels', () => {
    const deep = `{"data":{"object":{"metadata":${'{"x":'.repeat(60_000)}1${'}'.repeat(60_000)}}}}`;
    expect(jsonTooDeepAt(deep, 64)).toBe('/data/object/metadata/x/x/x/x/x/…');
    expect(jsonTooDeepAt('[[1,[2,[3]]]]', 3)).toBe('/0/1/1');
  });
});
