import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { conditionOps, unaryConditionOps } from './condition-ops.ts';
import pkg from '../package.json' with { type: 'json' };

describe('condition operators', () => {
  it('lists the 13 operators once, in the editor order, with exists/not_exists as the unary ones', () => {
    expect(conditionOps.join(' ')).toBe(
      'equals not_equals contains not_contains starts_with ends_with gt gte lt lte exists not_exists matches',
    );
    expect([...unaryConditionOps]).toEqual(['exists', 'not_exists']);
  });

  it('is a subpath export that imports nothing, so the browser editor can bundle it (as step-walk)', () => {
    for (const subpath of ['./condition-ops', './step-walk'] as const) {
      const file = (pkg.exports as Record<string, string>)[subpath];
      expect(file).toBeDefined();
      const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
      expect(text).not.toMatch(/^\s*(import|export)\b[^;]*\bfrom\s+['"]/m);
      expect(text).not.toMatch(/\bimport\s*\(/);
    }
  });
});
