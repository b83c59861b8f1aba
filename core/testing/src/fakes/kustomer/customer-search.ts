/**
 * Kustomer's customer search query, as far as the fake understands it:
 * `{"and"|"or": [{"customer_email": {"equals": "a@b.com"}}], "queryContext": "customer"}`.
 * Fields: customer_email, customer_name, customer_phone, customer_external_id; operators:
 * equals (case-insensitive), contains. Anything else is refused, as a real query would be.
 */
import type { KustomerResource } from './json-api.ts';

const fields: Record<string, (c: KustomerResource) => string[]> = {
  customer_email: (c) => ((c.attributes.emails as Array<{ email: string }> | undefined) ?? []).map((e) => e.email),
  customer_name: (c) => [String(c.attributes.name ?? '')],
  customer_phone: (c) => ((c.attributes.phones as Array<{ phone: string }> | undefined) ?? []).map((p) => p.phone),
  customer_external_id: (c) => [String(c.attributes.externalId ?? '')],
};

const operators: Record<string, (have: string, want: string) => boolean> = {
  equals: (have, want) => have.toLowerCase() === want.toLowerCase(),
  contains: (have, want) => have.toLowerCase().includes(want.toLowerCase()),
};

/** A compiled search: a predicate, or the reason the query is refused. */
export type CompiledSearch =
  { ok: true; matches(c: KustomerResource): boolean } | { ok: false; pointer: string; detail: string };

type Predicate = (c: KustomerResource) => boolean;

function compileCriterion(criterion: unknown, pointer: string): Predicate | { pointer: string; detail: string } {
  if (!criterion || typeof criterion !== 'object' || Object.keys(criterion).length !== 1)
    return { pointer, detail: 'each criterion must be an object with one field' };
  const [field, condition] = Object.entries(criterion as Record<string, unknown>)[0];
  const read = fields[field];
  if (!read)
    return {
      pointer: `${pointer}/${field}`,
      detail: `unknown search field "${field}"; known: ${Object.keys(fields).join(', ')}`,
    };
  if (!condition || typeof condition !== 'object' || Object.keys(condition).length !== 1)
    return { pointer: `${pointer}/${field}`, detail: 'the condition must be an object with one operator' };
  const [op, value] = Object.entries(condition as Record<string, unknown>)[0];
  const test = operators[op];
  if (!test)
    return {
      pointer: `${pointer}/${field}/${op}`,
      detail: `unknown operator "${op}"; known: ${Object.keys(operators).join(', ')}`,
    };
  if (typeof value !== 'string') return { pointer: `${pointer}/${field}/${op}`, detail: 'the value must be a string' };
  return (c) => read(c).some((have) => test(have, value));
}

/** Compiles a search body into a predicate over customers. */
export function compileCustomerSearch(body: unknown): CompiledSearch {
  if (!body || typeof body !== 'object')
    return { ok: false, pointer: '', detail: 'the request body must be a JSON object' };
  const { and, or, queryContext, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest).filter((k) => k !== 'sort' && k !== 'timeZone');
  if (extra.length) return { ok: false, pointer: `/${extra[0]}`, detail: `"${extra[0]}" is not allowed` };
  if (queryContext !== 'customer')
    return { ok: false, pointer: '/queryContext', detail: '"queryContext" must be "customer" for a customer search' };
  if (and === undefined && or === undefined)
    return { ok: false, pointer: '/and', detail: 'give "and" or "or" with at least one criterion' };
  const groups: Array<{ all: boolean; predicates: Predicate[] }> = [];
  for (const [name, list] of [
    ['and', and],
    ['or', or],
  ] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.length)
      return { ok: false, pointer: `/${name}`, detail: `"${name}" must be a non-empty array of criteria` };
    const predicates: Predicate[] = [];
    for (let i = 0; i < list.length; i++) {
      const compiled = compileCriterion(list[i], `/${name}/${i}`);
      if (typeof compiled !== 'function') return { ok: false, ...compiled };
      predicates.push(compiled);
    }
    groups.push({ all: name === 'and', predicates });
  }
  return {
    ok: true,
    matches: (c) => groups.every((g) => (g.all ? g.predicates.every((p) => p(c)) : g.predicates.some((p) => p(c)))),
  };
}
