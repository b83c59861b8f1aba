/**
 * Compiles Handlebars templates into plain JavaScript string building, for the constructs
 * this package's templates use: `{{path}}`, `{{{path}}}`, `{{#if}}`/`{{#unless}}`/`{{#each}}`/
 * `{{#with}}` with `{{else}}`, partials (`{{> name key=value}}`), partial blocks
 * (`{{#> layout}}…{{/layout}}` with `{{> @partial-block}}`) and comments.
 *
 * Why: Handlebars' runtime spends most of a page on its generic machinery (a closure and an
 * options object per block, helper wrappers, data frames); the same template as straight-line
 * code renders several times faster. The source is parsed by Handlebars itself (whitespace
 * control included) and every construct keeps Handlebars' semantics (`template-runtime.ts`),
 * as if compiled with `knownHelpersOnly`, `assumeObjects` and `preventIndent`: the output is
 * byte for byte what Handlebars writes. A template using anything else (helpers with
 * arguments, `@data`, `../`, block parameters, inline partials, ...) is not compiled here:
 * `compileTemplates` says so, and the caller renders it with Handlebars.
 *
 * The result is JavaScript source text, so it can be handed to worker threads as a string.
 */
// Handlebars' types declare the AST in a global namespace, `hbs.AST`; importing the module's types brings it in.
import type Handlebars from 'handlebars';

type Node = hbs.AST.Node;
type Program = ReturnType<typeof Handlebars.parse>;
type Path = hbs.AST.PathExpression;

/** Thrown while compiling a construct this compiler does not handle. */
class Unsupported extends Error {}

/** Helpers Handlebars knows by default: with `knownHelpersOnly`, `{{if}}` alone would call one. */
const KNOWN_HELPERS = new Set(['helperMissing', 'blockHelperMissing', 'each', 'if', 'unless', 'with', 'log', 'lookup']);

/** A parser with Handlebars' whitespace control, e.g. `Handlebars.parse`. */
export type ParseTemplate = (source: string) => Program;

/** What `compileTemplates` made. */
export interface CompiledTemplates {
  /** A function body of one argument, `rt` (the template runtime), returning `{ [page]: (context) => string }` for the compiled pages. */
  source: string;
  /** Pages that use something this compiler does not handle, with the reason: render these with Handlebars. */
  skipped: Record<string, string>;
}

const str = (text: string): string => JSON.stringify(text);

/** Compiles `pages` (name → source), whose partials are found in `partials` (name → source). */
export function compileTemplates(
  pages: Record<string, string>,
  partials: Record<string, string>,
  parse: ParseTemplate,
): CompiledTemplates {
  const partialFns = new Map<string, string>(); // partial name → function name
  const functions: string[] = [];
  let counter = 0;
  const fresh = (prefix: string): string => `${prefix}${++counter}`;

  const path = (p: Node, ctx: string): string => {
    if (p.type === 'StringLiteral' || p.type === 'NumberLiteral' || p.type === 'BooleanLiteral')
      return JSON.stringify((p as hbs.AST.StringLiteral).value);
    if (p.type === 'UndefinedLiteral') return 'undefined';
    if (p.type === 'NullLiteral') return 'null';
    if (p.type !== 'PathExpression') throw new Unsupported(`${p.type} as a value`);
    const { data, depth, parts, original } = p as Path;
    if (data || depth > 0) throw new Unsupported(`the path ${original}`);
    if (!parts.length) return ctx;
    // Handlebars' lookupProperty, inlined so each lookup has its own inline cache: own properties only.
    const steps = parts.map(
      (part) => `t = p[${str(part)}], t = t == null || hasOwn.call(p, ${str(part)}) ? t : undefined`,
    );
    return `(p = ${ctx}, ${steps.join(', p = t, ')})`;
  };

  const simpleName = (p: Node): string | undefined => {
    const x = p as Path;
    // Handlebars' own test (AST.helpers.simpleId): one part, not scoped (`this.x`, `./x`), no `../`.
    return p.type === 'PathExpression' &&
      !x.data &&
      x.depth === 0 &&
      x.parts.length === 1 &&
      !/^\.|this\b/.test(x.original)
      ? x.parts[0]
      : undefined;
  };

  const hashOf = (hash: hbs.AST.Hash | undefined, ctx: string): string | undefined =>
    hash?.pairs.length
      ? `{ ${hash.pairs.map((pair) => `${str(pair.key)}: ${path(pair.value, ctx)}`).join(', ')} }`
      : undefined;

  const partialFn = (name: string): string => {
    const known = partialFns.get(name);
    if (known) return known;
    if (!(name in partials)) throw new Unsupported(`the partial "${name}" is not registered`);
    const fn = fresh('partial');
    partialFns.set(name, fn);
    functions.push(
      `function ${fn}(c, pb) {\n  let o = "", p, t;\n${program(parse(partials[name]), 'c')}  return o;\n}`,
    );
    return fn;
  };

  const partialCall = (
    node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement,
    ctx: string,
    block: string,
  ): string => {
    if (node.params.length) throw new Unsupported('a partial given a context argument');
    if (node.name.type !== 'PathExpression') throw new Unsupported('a dynamic partial name');
    const hash = hashOf(node.hash, ctx);
    const context = hash ? `extend(${ctx}, ${hash})` : ctx;
    const name = (node.name as Path).original;
    // A standalone partial's indentation: with preventIndent, Handlebars writes it once, before the partial.
    const indent = (node as { indent?: string }).indent ? `o += ${str((node as { indent: string }).indent)};\n` : '';
    if (name === '@partial-block') {
      if (hash) throw new Unsupported('arguments to @partial-block');
      return `${indent}if (pb === undefined) throw new Error("The partial @partial-block could not be found");\no += pb(${context});\n`;
    }
    if ((node.name as Path).data) throw new Unsupported(`the partial ${name}`);
    return `${indent}o += ${partialFn(name)}(${context}, ${block});\n`;
  };

  const block = (node: hbs.AST.BlockStatement, ctx: string): string => {
    const helper = simpleName(node.path);
    if (!helper || !['if', 'unless', 'each', 'with'].includes(helper))
      throw new Unsupported(`the block helper ${(node.path as Path).original}`);
    if (node.params.length !== 1 || node.hash?.pairs.length)
      throw new Unsupported(`{{#${helper}}} with ${node.params.length} arguments or options`);
    if (node.program?.blockParams?.length) throw new Unsupported('block parameters');
    const value = path(node.params[0], ctx);
    const fn = node.program ? program(node.program, ctx) : '';
    const inverse = node.inverse ? program(node.inverse, ctx) : '';
    const orElse = inverse ? ` else {\n${inverse}}` : '';
    if (helper === 'if') return `if (truthy(${value}, ${ctx})) {\n${fn}}${orElse}\n`;
    if (helper === 'unless') return `if (!truthy(${value}, ${ctx})) {\n${fn}}${orElse}\n`;
    const inner = fresh('c');
    if (helper === 'with') {
      const box = fresh('w');
      return `{ const ${box} = present(${value}, ${ctx});\nif (${box} !== undefined) { const ${inner} = ${box}.v;\n${node.program ? program(node.program, inner) : ''}}${orElse} }\n`;
    }
    const list = fresh('xs');
    const k = fresh('k');
    return `{ const ${list} = items(${value}, ${ctx});\nfor (let ${k} = 0; ${k} < ${list}.length; ${k}++) if (${k} in ${list}) { const ${inner} = ${list}[${k}];\n${node.program ? program(node.program, inner) : ''}}\n${inverse ? `if (${list}.length === 0) {\n${inverse}}\n` : ''}}\n`;
  };

  function statement(node: Node, ctx: string): string {
    switch (node.type) {
      case 'ContentStatement': {
        const text = (node as hbs.AST.ContentStatement).value;
        return text ? `o += ${str(text)};\n` : '';
      }
      case 'CommentStatement':
        return '';
      case 'MustacheStatement': {
        const m = node as hbs.AST.MustacheStatement;
        if (m.path.type !== 'PathExpression') throw new Unsupported(`a ${m.path.type} mustache`);
        if (m.params.length || m.hash?.pairs.length)
          throw new Unsupported(`the helper call {{${(m.path as Path).original} ...}}`);
        const name = simpleName(m.path);
        if (name && KNOWN_HELPERS.has(name)) throw new Unsupported(`the helper {{${name}}}`);
        const value = `lambda(${path(m.path, ctx)}, ${ctx})`;
        return m.escaped ? `o += esc(${value});\n` : `o += raw(${value});\n`;
      }
      case 'BlockStatement':
        return block(node as hbs.AST.BlockStatement, ctx);
      case 'PartialStatement':
        return partialCall(node as hbs.AST.PartialStatement, ctx, 'pb');
      case 'PartialBlockStatement': {
        const p = node as hbs.AST.PartialBlockStatement;
        const inner = fresh('c');
        const body = `(${inner}) => {\n  let o = "", p, t;\n${program(p.program, inner)}  return o;\n}`;
        return partialCall(p, ctx, body);
      }
      default:
        throw new Unsupported(node.type);
    }
  }

  function program(p: Program, ctx: string): string {
    return p.body.map((node) => statement(node, ctx)).join('');
  }

  const entries: string[] = [];
  const skipped: Record<string, string> = {};
  for (const [name, source] of Object.entries(pages)) {
    const mark = { functions: functions.length, partials: new Map(partialFns) };
    try {
      entries.push(
        `${str(name)}: (c) => {\n  let o = "", p, t;\n  const pb = undefined;\n${program(parse(source), 'c')}  return o;\n}`,
      );
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      skipped[name] = err.message;
      functions.length = mark.functions; // drop partials compiled only for this page: they may be incomplete
      partialFns.clear();
      for (const [k, v] of mark.partials) partialFns.set(k, v);
    }
  }
  const source = [
    '"use strict";',
    'const { esc, lambda, raw, truthy, present, items, extend } = rt;',
    'const hasOwn = Object.prototype.hasOwnProperty;',
    ...functions,
    `return {\n${entries.join(',\n')}\n};`,
  ].join('\n');
  return { source, skipped };
}
