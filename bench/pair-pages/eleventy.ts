/**
 * One timed build by Eleventy 3 of the same site, in its own process:
 * `eleventy.ts <workDir> <outDir> <connectors> <revision>`. Prints one JSON line.
 *
 * Same templates (generators/pair-pages/templates, Handlebars through the official
 * @11ty/eleventy-plugin-handlebars), same data: the view models come from the same view code,
 * computed inside Eleventy's build (a global data function), as our generator computes them
 * inside its own. Each page template is paginated over its pages, one page per item.
 * Eleventy has no data-level incremental build (its --incremental is for template files in
 * watch mode), so a changed connector means building again: that is what gets timed.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Eleventy from '@11ty/eleventy';
import handlebarsPlugin from '@11ty/eleventy-plugin-handlebars';
import { DEFAULT_TEMPLATES_DIR } from '@wireup/pair-pages';
import { fileOfPath, planSite } from '../../generators/pair-pages/src/site-plan.ts';
import { loadTemplates, PAGE_KINDS } from '../../generators/pair-pages/src/templates.ts';
import { BASE_URL, benchCatalog } from './catalog.ts';

const [workDir, outDir, connectors, revision] = process.argv.slice(2);

/** Lays out an Eleventy input folder: partials in _includes, each page template paginated over `site.<kind>`. */
function prepareInput(): string {
  const input = join(workDir, 'input');
  rmSync(input, { recursive: true, force: true });
  mkdirSync(join(input, '_includes'), { recursive: true });
  copyFileSync(join(DEFAULT_TEMPLATES_DIR, 'layout.hbs'), join(input, '_includes', 'layout.hbs'));
  for (const f of readdirSync(join(DEFAULT_TEMPLATES_DIR, 'partials')))
    copyFileSync(join(DEFAULT_TEMPLATES_DIR, 'partials', f), join(input, '_includes', f));
  for (const kind of PAGE_KINDS) {
    const body = readFileSync(join(DEFAULT_TEMPLATES_DIR, 'pages', `${kind}.hbs`), 'utf8');
    const front = `---\npagination:\n  data: site.${kind}\n  size: 1\n  alias: v\npermalink: "{{v.permalink}}"\n---\n`;
    writeFileSync(join(input, `${kind}.hbs`), `${front}{{#with v}}${body}{{/with}}`);
  }
  return input;
}

/** The view models of every page, grouped by template, each with its permalink. */
function siteData(): Record<string, object[]> {
  const plan = planSite(benchCatalog(Number(connectors), Number(revision)), { baseUrl: BASE_URL }, loadTemplates());
  const data: Record<string, object[]> = Object.fromEntries(PAGE_KINDS.map((k) => [k, []]));
  for (const file of plan.files.slice(1, 1 + plan.pages)) {
    const page = plan.view(file);
    data[page.template].push({ ...page.data, permalink: fileOfPath(file.path) });
  }
  return data;
}

const input = prepareInput();
rmSync(outDir, { recursive: true, force: true });
const started = performance.now();
const elev = new Eleventy(input, outDir, {
  quietMode: true,
  config(config: any) {
    config.addPlugin(handlebarsPlugin);
    config.addGlobalData('site', () => siteData());
  },
});
await elev.write();
const ms = performance.now() - started;
const pages = readdirSync(outDir, { recursive: true }).filter((f) => String(f).endsWith('.html')).length;
process.stdout.write(`${JSON.stringify({ pages, rendered: pages, ms })}\n`);
