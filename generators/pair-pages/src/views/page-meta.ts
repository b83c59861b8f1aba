/** Head data every page shares: title, meta description, canonical link, OpenGraph, JSON-LD. */
import { clip } from '../text.ts';
import { STYLESHEET } from '../urls.ts';

/** What every view knows about the site. */
export interface SiteContext {
  /** Origin without a trailing slash, e.g. `https://wireup.example.com`. */
  baseUrl: string;
}

/** One breadcrumb: a name and a root-relative URL. */
export interface Crumb {
  name: string;
  url: string;
}

/** The `meta` object of every page's view model, read by the layout. */
export interface PageMeta {
  title: string;
  description: string;
  canonical: string;
  stylesheet: string;
  ogType: string;
  breadcrumbs: Array<{ name: string; href: string; current: boolean }>;
  /** JSON-LD `@graph`, serialised and safe inside a script element. */
  jsonLd: string;
}

/** Absolute URL of a root-relative path. */
export const absolute = (site: SiteContext, url: string): string => `${site.baseUrl}${url}`;

/** A JSON-LD node, already serialised: pages build ~90,000 of them, and writing the JSON by hand is several times faster than JSON.stringify of objects. */
export type JsonLdNode = string;

/** Characters JSON.stringify escapes in a string (surrogates: lone ones), and `<`. */
const JSON_SPECIAL = /["\\<\u0000-\u001f\ud800-\udfff]/;

/**
 * A JSON string, with `<` escaped so no text can close the script element. Only strings from
 * the data can hold a `<` (the JSON around them is written here), so each is checked on its
 * own: cheaper than searching the whole serialised graph of every page. Most strings need no
 * escape at all, and quoting them by hand is cheaper than JSON.stringify.
 */
function q(text: string): string {
  if (!JSON_SPECIAL.test(text)) return `"${text}"`;
  const json = JSON.stringify(text);
  return json.includes('<') ? json.replace(/</g, '\\u003c') : json;
}

function breadcrumbList(site: SiteContext, crumbs: Crumb[]): JsonLdNode {
  const items = crumbs.map(
    (c, i) => `{"@type":"ListItem","position":${i + 1},"name":${q(c.name)},"item":${q(absolute(site, c.url))}}`,
  );
  return `{"@type":"BreadcrumbList","itemListElement":[${items.join(',')}]}`;
}

/** Builds a page's head data; `graph` adds JSON-LD nodes besides the BreadcrumbList. */
export function pageMeta(
  site: SiteContext,
  input: { url: string; title: string; description: string; crumbs: Crumb[]; graph?: JsonLdNode[] },
): PageMeta {
  const graph = [breadcrumbList(site, input.crumbs), ...(input.graph ?? [])];
  const last = input.crumbs.length - 1;
  return {
    title: input.title,
    description: clip(input.description.includes('`') ? input.description.replace(/`/g, '') : input.description, 160),
    canonical: absolute(site, input.url),
    stylesheet: STYLESHEET.url,
    ogType: 'website',
    breadcrumbs: input.crumbs.map((c, i) => ({ name: c.name, href: c.url, current: i === last })),
    jsonLd: `{"@context":"https://schema.org","@graph":[${graph.join(',')}]}`,
  };
}

/** The FAQPage node of a list of questions and plain-text answers. */
export function faqPage(faq: Array<{ question: string; answer: string }>): JsonLdNode {
  const questions = faq.map(
    (f) => `{"@type":"Question","name":${q(f.question)},"acceptedAnswer":{"@type":"Answer","text":${q(f.answer)}}}`,
  );
  return `{"@type":"FAQPage","mainEntity":[${questions.join(',')}]}`;
}

/** The SoftwareApplication node describing Wireup's integration shown on a page. Wireup is open source and self-hosted: nothing to buy, so the offer is free. */
export function softwareApplication(
  site: SiteContext,
  input: { name: string; description: string; url: string },
): JsonLdNode {
  return (
    `{"@type":"SoftwareApplication","name":${q(input.name)},"description":${q(clip(input.description, 300))},"url":${q(absolute(site, input.url))},` +
    '"applicationCategory":"BusinessApplication","operatingSystem":"Linux, macOS, Windows","offers":{"@type":"Offer","price":"0","priceCurrency":"USD"}}'
  );
}
