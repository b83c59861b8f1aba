/** Test helper: checks that every internal link of a built site resolves to a built file (and anchor). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readPage, type PageFacts } from './read-page.ts';

/** Every `.html` file under `dir`, as paths relative to it. */
export function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.html')) out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

/** The result of checking a site's links. */
export interface LinkReport {
  checked: number;
  broken: string[];
  /** Links into the editor app (served by the editor, not by this site). */
  editorLinks: string[];
}

/** Maps a root-relative URL to the file that serves it. */
export const fileOf = (outDir: string, path: string): string =>
  join(outDir, path.endsWith('/') ? `${path}index.html` : path);

/** Checks every href/src of every page of `outDir`; `baseUrl` marks absolute links that are internal. */
export function checkLinks(outDir: string, baseUrl: string): LinkReport {
  const report: LinkReport = { checked: 0, broken: [], editorLinks: [] };
  const pages = new Map<string, PageFacts>();
  const facts = (file: string): PageFacts => {
    let f = pages.get(file);
    if (!f) pages.set(file, (f = readPage(readFileSync(file, 'utf8'))));
    return f;
  };
  for (const page of htmlFiles(outDir)) {
    const self = join(outDir, page);
    for (const raw of facts(self).links) {
      report.checked++;
      const link = raw.startsWith(baseUrl) ? raw.slice(baseUrl.length) : raw;
      if (link.startsWith('/editor/')) {
        report.editorLinks.push(link);
        continue;
      }
      const [pathAndQuery, fragment] = link.split('#');
      const path = pathAndQuery.split('?')[0];
      const target = path === '' ? self : path.startsWith('/') ? fileOf(outDir, path) : undefined;
      if (!target || !existsSync(target)) report.broken.push(`${page}: ${raw}`);
      else if (fragment && target.endsWith('.html') && !facts(target).ids.has(fragment))
        report.broken.push(`${page}: ${raw} (no id "${fragment}")`);
    }
  }
  return report;
}
