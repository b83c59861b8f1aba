/**
 * Which methods a path answers, for 405 Method Not Allowed: a second router (find-my-way, the
 * one Fastify routes with) holds every documented route, so an unmatched request can be told
 * "wrong method" (405 with `Allow`) from "no such path" (404).
 */
import FindMyWay from 'find-my-way';

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type Method = (typeof methods)[number];

export interface MethodIndex {
  /** Records a route (Fastify's onRoute hook calls it). */
  add(method: string, url: string): void;
  /** The methods some route answers for this request target (path and query as sent). */
  allowed(target: string): string[];
}

export function createMethodIndex(): MethodIndex {
  const router = FindMyWay();
  const seen = new Set<string>();
  return {
    add(method, url) {
      if (!methods.includes(method as Method) || seen.has(`${method} ${url}`)) return;
      seen.add(`${method} ${url}`);
      router.on(method as Method, url, () => undefined);
    },
    allowed(target) {
      try {
        return methods.filter((m) => router.find(m, target) !== null);
      } catch {
        return [];
      }
    },
  };
}
