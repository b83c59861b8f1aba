/**
 * Loads and precompiles the Handlebars templates once per build: `layout.hbs` and
 * `partials/*.hbs` become partials (by file name), `pages/*.hbs` become page renderers.
 * Pages are compiled to plain JavaScript by `template-compiler.ts` (same output, several times
 * faster); a page using a construct it does not handle is rendered by Handlebars.
 * Each page kind gets an input hash of the templates it can use plus the generator's code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { TemplateError } from './errors.ts';
import { hashText } from './hash.ts';
import { compileTemplates } from './template-compiler.ts';
import { instantiateTemplates } from './template-runtime.ts';

/** The page templates the generator renders. */
export const PAGE_KINDS = ['catalog', 'app', 'pair', 'step'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** Compiled templates, their input hashes and the stylesheet. */
export interface TemplateSet {
  render: Record<PageKind, (view: object) => string>;
  hash: Record<PageKind, string>;
  css: string;
  /**
   * The JavaScript of every page renderer (see template-compiler.ts), which worker threads
   * turn back into renderers without Handlebars; undefined when a page needs Handlebars.
   */
  compiledSource?: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The package's own templates folder. */
export const DEFAULT_TEMPLATES_DIR = join(here, '..', 'templates');

const read = (file: string, name: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new TemplateError(name, `cannot read ${file}: ${(err as Error).message}`);
  }
};

/** Hash of the generator's own source (views shape pages too), so a code change invalidates pages. */
function codeHash(): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'testing') walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(readFileSync(path, 'utf8'));
    }
  };
  walk(here);
  return hashText(files.join('\u0000'));
}

/** Reads and compiles every template of `dir`. Throws TemplateError naming a broken template. */
export function loadTemplates(dir: string = DEFAULT_TEMPLATES_DIR): TemplateSet {
  const hb = Handlebars.create();
  // preventIndent: indented partials would otherwise be re-indented line by line (about a quarter of render time).
  const options = { knownHelpersOnly: true, preventIndent: true, assumeObjects: true };
  const compile = (name: string, source: string) => {
    try {
      hb.parse(source); // a syntax error surfaces here with the template's name; compiling waits for the first page
      return hb.compile(source, options);
    } catch (err) {
      throw new TemplateError(name, (err as Error).message);
    }
  };
  const shared: string[] = [];
  const layout = read(join(dir, 'layout.hbs'), 'layout');
  shared.push(layout);
  const partialFiles = readdirSync(join(dir, 'partials'))
    .filter((f) => f.endsWith('.hbs'))
    .sort();
  const partials: Record<string, string> = { layout };
  for (const file of partialFiles) {
    const source = read(join(dir, 'partials', file), file);
    partials[file.slice(0, -4)] = source;
    shared.push(`${file}\u0000${source}`);
  }
  for (const [name, source] of Object.entries(partials)) hb.registerPartial(name, hb.compile(source, options));
  const base = hashText(`${codeHash()}\u0000${shared.join('\u0000')}`);
  const render = {} as TemplateSet['render'];
  const hash = {} as TemplateSet['hash'];
  const sources = {} as Record<PageKind, string>;
  for (const kind of PAGE_KINDS) {
    sources[kind] = read(join(dir, 'pages', `${kind}.hbs`), kind);
    render[kind] = compile(kind, sources[kind]);
    hash[kind] = hashText(`${base}\u0000${sources[kind]}`);
  }
  const compiled = compileTemplates(sources, partials, (source) => hb.parse(source));
  const fast = instantiateTemplates(compiled.source);
  for (const kind of PAGE_KINDS) if (fast[kind]) render[kind] = fast[kind];
  const allCompiled = PAGE_KINDS.every((kind) => fast[kind]);
  return {
    render,
    hash,
    css: read(join(dir, 'site.css'), 'site.css'),
    compiledSource: allCompiled ? compiled.source : undefined,
  };
}
