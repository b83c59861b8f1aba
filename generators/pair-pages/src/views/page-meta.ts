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
  breadcrumbs: Array<Crumb & { current: boolean }>;
  /** JSON-LD `@graph`, serialised and safe inside a script element. */
  jsonLd: string;
}

/** Absolute URL of a root-relative path. */
export const absolute = (site: SiteContext, url: string): string => `${site.baseUrl}${url}`;

function breadcrumbList(site: SiteContext, crumbs: Crumb[]): object {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: absolute(site, c.url) })),
  };
}

/** Builds a page's head data; `graph` adds JSON-LD nodes besides the BreadcrumbList. */
export function pageMeta(site: SiteContext, input: { url: string; title: string; description: string; crumbs: Crumb[]; graph?: object[] }): PageMeta {
  const graph = [breadcrumbList(site, input.crumbs), ...(input.graph ?? [])];
  return {
    title: input.title,
    description: clip(input.description, 160),
    canonical: absolute(site, input.url),
    stylesheet: STYLESHEET.url,
    ogType: 'website',
    breadcrumbs: input.crumbs.map((c, i) => ({ ...c, current: i === input.crumbs.length - 1 })),
    // `<` escaped so no string in the data can close the script element.
    jsonLd: JSON.stringify({ '@context': 'https://schema.org', '@graph': graph }).replace(/</g, '\\u003c'),
  };
}

/** The FAQPage node of a list of questions and plain-text answers. */
export function faqPage(faq: Array<{ question: string; answer: string }>): object {
  return {
    '@type': 'FAQPage',
    mainEntity: faq.map((f) => ({ '@type': 'Question', name: f.question, acceptedAnswer: { '@type': 'Answer', text: f.answer } })),
  };
}

/** The SoftwareApplication node describing Wireup's integration shown on a page. */
export function softwareApplication(site: SiteContext, input: { name: string; description: string; url: string }): object {
  return {
    '@type': 'SoftwareApplication',
    name: input.name,
    description: clip(input.description, 300),
    url: absolute(site, input.url),
    applicationCategory: 'BusinessApplication',
    operatingSystem: 'Linux, macOS, Windows',
    // Wireup is open source and self-hosted: there is nothing to buy.
    offers: { '@type': 'Offer', price: '0', priceCurrency: 'USD' },
  };
}
