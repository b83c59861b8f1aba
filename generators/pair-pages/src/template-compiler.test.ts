import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { planSite } from './site-plan.ts';
import { compileTemplates } from './template-compiler.ts';
import { instantiateTemplates } from './template-runtime.ts';
import { DEFAULT_TEMPLATES_DIR, loadTemplates, PAGE_KINDS } from './templates.ts';
import { fixtureManifests } from './testing/fixture-manifests.ts';
import { syntheticCatalog } from './testing/synthetic-catalog.ts';

const OPTIONS = { knownHelpersOnly: true, preventIndent: true, assumeObjects: true };

/** Both renderers of the same pages and partials: Handlebars' own, and ours. */
function bothWays(pages: Record<string, string>, partials: Record<string, string> = {}) {
  const hb = Handlebars.create();
  for (const [name, source] of Object.entries(partials)) hb.registerPartial(name, hb.compile(source, OPTIONS));
  const compiled = compileTemplates(pages, partials, (source) => hb.parse(source));
  const ours = instantiateTemplates(compiled.source);
  const theirs = Object.fromEntries(Object.entries(pages).map(([name, source]) => [name, hb.compile(source, OPTIONS)]));
  return { ours, theirs, skipped: compiled.skipped };
}

describe('compileTemplates', () => {
  it('renders every page of a site byte for byte as Handlebars does', () => {
    const partials: Record<string, string> = {
      layout: readFileSync(join(DEFAULT_TEMPLATES_DIR, 'layout.hbs'), 'utf8'),
    };
    for (const f of readdirSync(join(DEFAULT_TEMPLATES_DIR, 'partials')))
      partials[f.slice(0, -4)] = readFileSync(join(DEFAULT_TEMPLATES_DIR, 'partials', f), 'utf8');
    const pages = Object.fromEntries(
      PAGE_KINDS.map((k) => [k, readFileSync(join(DEFAULT_TEMPLATES_DIR, 'pages', `${k}.hbs`), 'utf8')]),
    );
    const { ours, theirs, skipped } = bothWays(pages, partials);
    expect(skipped).toEqual({});
    // Real-shaped apps (with quotes, code spans, apps without triggers), some usage, and a synthetic catalog.
    const manifests = [...fixtureManifests(), ...syntheticCatalog(12)];
    const usage = [{ trigger: 'stripe.charge-failed', action: 'kustomer.create-conversation', count: 7 }];
    const plan = planSite(manifests, { baseUrl: 'https://w.example' }, loadTemplates(), usage);
    let compared = 0;
    for (const file of plan.files.slice(1, 1 + plan.pages)) {
      const { template, data } = plan.view(file);
      expect(ours[template](data), file.path).toBe(theirs[template](data));
      compared++;
    }
    expect(compared).toBe(plan.pages);
  });

  it('keeps Handlebars semantics for truthiness, iteration, escaping, lambdas, prototypes and partials', () => {
    const page = [
      '{{#if zero}}zero{{else}}no zero{{/if}}|{{#if empty}}E{{else if list}}L{{/if}}|{{#unless nothing}}U{{/unless}}|',
      '{{#each list}}[{{this}}]{{else}}none{{/each}}|{{#each obj}}<{{this}}>{{/each}}|{{#each set}}({{.}}){{/each}}|{{#each empty}}x{{else}}empty{{/each}}|',
      '{{#with zero}}with {{this}}{{/with}}|{{#with nothing}}x{{else}}no with{{/with}}|{{#with nested}}{{deep.value}}{{/with}}|',
      '{{text}}|{{{text}}}|{{zero}}|{{no}}|{{nothing}}|{{missing}}|{{fn}}|{{constructor}}|{{list.length}}|{{this.text}}|{{! a comment }}',
      '\n  {{> item label=text}}\n{{#> frame}}inside {{text}}{{/frame}}\n',
    ].join('');
    const partials = { item: '<li>{{label}} {{zero}}</li>\n', frame: '<div>\n  {{> @partial-block}}\n</div>\n' };
    const { ours, theirs, skipped } = bothWays({ page }, partials);
    expect(skipped).toEqual({});
    const contexts = [
      {
        zero: 0,
        empty: [],
        list: ['a', '<b>'],
        obj: { x: 1, y: 'q"' },
        set: new Set([1, 2]),
        nested: { deep: { value: 'd&d' } },
        text: `"It's" <a> & \`b\` = c`,
        no: false,
        fn() {
          return 'called';
        },
        nothing: null,
      },
      {
        zero: 3,
        empty: [1],
        list: [],
        obj: {},
        set: [],
        nested: { deep: { value: 0 } },
        text: '',
        no: true,
        nothing: 'x',
      },
      Object.assign(Object.create({ inherited: 'not shown' }), {
        zero: '',
        list: 'not a list',
        text: 5,
        nested: { deep: {} },
      }),
    ];
    for (const context of contexts) expect(ours.page(context)).toBe(theirs.page(context));
    // assumeObjects: a path through a missing object fails in both.
    expect(() => theirs.page({ nested: {} })).toThrow(TypeError);
    expect(() => ours.page({ nested: {} })).toThrow(TypeError);
  });

  it('leaves to Handlebars the pages it cannot compile, and says why', () => {
    const { ours, skipped } = bothWays({
      index: '{{#each xs}}{{@index}}{{/each}}',
      parent: '{{#each xs}}{{../y}}{{/each}}',
      helper: '{{lookup xs 0}}',
      params: '{{#each xs as |x|}}{{x}}{{/each}}',
      inline: '{{#*inline "p"}}x{{/inline}}{{> p}}',
      unknown: '{{> nowhere}}',
      fine: '{{y}}',
    });
    expect(Object.keys(skipped).sort()).toEqual(['helper', 'index', 'inline', 'params', 'parent', 'unknown']);
    expect(skipped.parent).toMatch(/\.\.\/y/);
    expect(ours.fine({ y: 'ok' })).toBe('ok');
    expect(ours.index).toBeUndefined();
  });
});
