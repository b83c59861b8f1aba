/**
 * Label values that cannot grow without bound: a Prometheus series lives for the life of the
 * process, so a value picked by whoever sends a request would be a memory leak.
 */

const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The HTTP method, or `other` for anything outside the usual ones. */
export function httpMethodLabel(method: string): string {
  return methods.has(method) ? method : 'other';
}

const plain = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * A label that takes at most `limit` distinct values (short, plain ones); past that, and for
 * anything odd, the value is `other`. For values from our own registries (error codes,
 * statuses) that a misbehaving connector could still multiply.
 */
export function createBoundedLabel(limit: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= limit || !plain.test(value)) return 'other';
    seen.add(value);
    return value;
  };
}
