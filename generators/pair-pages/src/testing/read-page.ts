/** Test helper: what a built HTML page says and links to, read with htmlparser2. */
import { Parser } from 'htmlparser2';

/** The readable facts of one page. */
export interface PageFacts {
  title: string;
  /** Text outside script/style, whitespace collapsed. */
  text: string;
  /** Every href and src, entities decoded. */
  links: string[];
  /** Every id attribute. */
  ids: Set<string>;
  /** `<meta name|property=... content=...>`. */
  meta: Record<string, string>;
  canonical?: string;
  /** Parsed JSON-LD blocks. */
  jsonLd: unknown[];
}

/** Parses a page. */
export function readPage(html: string): PageFacts {
  const facts: PageFacts = { title: '', text: '', links: [], ids: new Set(), meta: {}, jsonLd: [] };
  const text: string[] = [];
  const stack: string[] = [];
  let script = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        stack.push(name);
        if (attrs.id) facts.ids.add(attrs.id);
        if (attrs.href !== undefined) facts.links.push(attrs.href);
        if (attrs.src !== undefined) facts.links.push(attrs.src);
        if (name === 'meta' && attrs.content !== undefined)
          facts.meta[attrs.name ?? attrs.property ?? ''] = attrs.content;
        if (name === 'link' && attrs.rel === 'canonical') facts.canonical = attrs.href;
        if (name === 'script') script = '';
      },
      ontext(data) {
        const top = stack[stack.length - 1];
        if (top === 'script') script += data;
        else if (top === 'title') facts.title += data;
        else if (top !== 'style' && !stack.includes('head')) text.push(data);
      },
      onclosetag(name) {
        stack.pop();
        if (name === 'script' && script.trim()) facts.jsonLd.push(JSON.parse(script));
        if (['p', 'li', 'dt', 'dd', 'h1', 'h2', 'h3', 'td', 'th', 'tr', 'div', 'section', 'article'].includes(name))
          text.push('\n');
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  facts.text = text
    .join('')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return facts;
}
