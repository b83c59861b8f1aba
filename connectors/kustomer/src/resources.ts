/**
 * Kustomer's JSON:API envelope and the helpers that read it. Actions return flat objects built
 * from `data.id`, `data.attributes` and `data.relationships`; these helpers keep that reading
 * in one place, and refuse answers that are not the documented shape.
 */
import { UpstreamError } from '@wireup/sdk';

/** One JSON:API resource as Kustomer returns it. */
export interface KustomerResource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data?: { type: string; id: string } | null } | undefined>;
}

/** A single-resource answer. */
export interface KustomerSingle {
  data: KustomerResource;
}

/** A list answer: a page of resources with `meta` and `links.next`. */
export interface KustomerList {
  data: KustomerResource[];
  meta?: Record<string, unknown>;
  links?: { next?: string | null };
}

function isResource(value: unknown): value is KustomerResource {
  const r = value as KustomerResource | null;
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.id === 'string' &&
    typeof r.attributes === 'object' &&
    r.attributes !== null
  );
}

/** The resource of a single answer. Throws UpstreamError when the answer is not `{data:{id, attributes}}`. */
export function resourceOf(body: unknown, what: string): KustomerResource {
  const data = (body as { data?: unknown } | null)?.data;
  if (!isResource(data))
    throw new UpstreamError(
      `Kustomer's answer for the new ${what} has no data.id/attributes; the API may have changed.`,
      200,
      { body },
    );
  return data;
}

/** The page of a list answer. Throws UpstreamError when `data` is not a list of resources. */
export function listOf(body: unknown, what: string): KustomerList {
  const list = body as KustomerList | null;
  if (!list || !Array.isArray(list.data) || !list.data.every(isResource))
    throw new UpstreamError(`Kustomer's ${what} answer has no data list; the API may have changed.`, 200, { body });
  return list;
}

/** The id a relationship points to (`relationships.customer.data.id`), or null. */
export function relatedId(resource: KustomerResource, name: string): string | null {
  return resource.relationships?.[name]?.data?.id ?? null;
}

/** An attribute when it is a string, else null. */
export function stringAttr(resource: KustomerResource, name: string): string | null {
  const value = resource.attributes[name];
  return typeof value === 'string' ? value : null;
}

/** An attribute when it is a list of strings, else []. */
export function stringsAttr(resource: KustomerResource, name: string): string[] {
  const value = resource.attributes[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
