/**
 * The shapes Kustomer answers with: JSON:API resources (`{data:{type,id,attributes,
 * relationships}}`), lists with `meta` and `links`, and its two error shapes. Kustomer's docs
 * show both `{errors:[...]}` and a flat `{status,code,title,detail,source}`; the fake uses
 * each on different routes so a client is tested on both.
 */
import { randomBytes } from 'node:crypto';

/** A reference to another resource, as in `relationships.customer`. */
export interface Relationship {
  data: { type: string; id: string } | null;
  links?: { self: string };
}

/** One JSON:API resource as Kustomer returns it (and as the fake stores it). */
export interface KustomerResource {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  relationships: Record<string, Relationship>;
  links: { self: string };
}

/** A reply the fake sends: status, extra headers and a JSON body (or none). */
export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

let counter = Math.floor(Math.random() * 0xffffff);

/** A 24-hex id like Kustomer's (MongoDB ObjectId layout: seconds, random, counter). */
export function objectId(): string {
  counter = (counter + 1) % 0xffffff;
  const seconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${seconds}${randomBytes(5).toString('hex')}${counter.toString(16).padStart(6, '0')}`;
}

/** Builds a resource whose `links.self` is `/v1/<collection>/<id>`. */
export function resource(
  type: string,
  collection: string,
  attributes: Record<string, unknown>,
  relationships: Record<string, Relationship> = {},
): KustomerResource {
  const id = objectId();
  return { type, id, attributes, relationships, links: { self: `/v1/${collection}/${id}` } };
}

/** A relationship to `/v1/<collection>/<id>`. */
export function relation(type: string, collection: string, id: string): Relationship {
  return { data: { type, id }, links: { self: `/v1/${collection}/${id}` } };
}

/** `{data: resource}` with status 200 or 201. */
export function single(data: KustomerResource | Record<string, unknown>, status = 200): FakeReply {
  return { status, body: { data } };
}

/** A page of a list: `data`, `meta` (page, pageSize, total) and `links` (self, first, prev, next). */
export function page(items: KustomerResource[], path: string, pageNumber: number, pageSize: number): FakeReply {
  const start = (pageNumber - 1) * pageSize;
  const data = items.slice(start, start + pageSize);
  const link = (n: number) => `${path}?page=${n}&pageSize=${pageSize}`;
  const hasNext = start + pageSize < items.length;
  return {
    status: 200,
    body: {
      data,
      meta: {
        page: pageNumber,
        pageSize,
        total: items.length,
        totalPages: Math.max(1, Math.ceil(items.length / pageSize)),
      },
      links: {
        self: link(pageNumber),
        first: link(1),
        prev: pageNumber > 1 ? link(pageNumber - 1) : null,
        next: hasNext ? link(pageNumber + 1) : null,
      },
    },
  };
}

/** Error in the array shape: `{errors:[{status, code, title, detail, source?}]}`. */
export function errorList(status: number, code: string, title: string, detail: string, pointer?: string): FakeReply {
  return { status, body: { errors: [{ status, code, title, detail, ...(pointer ? { source: { pointer } } : {}) }] } };
}

/** Error in the flat shape: `{status, code, title, detail, source}`. */
export function errorFlat(status: number, code: string, title: string, detail: string, pointer?: string): FakeReply {
  return { status, body: { status, code, title, detail, source: pointer ? { pointer } : {} } };
}
