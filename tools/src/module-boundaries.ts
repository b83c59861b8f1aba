/**
 * Module boundaries (docs/architecture.md, "Packages"), checked from the projects' Nx tags:
 * ports apart from adapters, as Backstage does it. Each project has one kind, read from its tags:
 *
 * | kind | tags | may import |
 * |---|---|---|
 * | sdk | scope:sdk | nothing of ours |
 * | port | type:port | sdk |
 * | runtime | type:runtime | sdk |
 * | adapter | type:adapter | sdk, ports, runtime (never another adapter) |
 * | core | scope:core, no type (engine, marketplace) | sdk, ports, runtime, core (the marketplace reads workflows with the engine) |
 * | testing | scope:testing | sdk, ports, runtime, core, connectors |
 * | connector, generator, editor | scope:connector / scope:generator / scope:editor | sdk |
 * | app, tools | scope:app / scope:tools | anything (the composition root picks adapters) |
 *
 * Tests (`*.test.ts`, `testing/` folders) may also import `@wireup/testing`; the tests and
 * benchmarks (`bench/`) of core projects may also import adapters and generators, as a
 * composition of their own. Package.json `dependencies` follow the same rules, and a port
 * depends on no third-party package (no driver: `npm ls better-sqlite3` stays out of ports and
 * of the adapters of other technologies). This stands in for @nx/enforce-module-boundaries,
 * which needs ESLint; the rules are the same tags.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Project {
  name: string;
  dir: string;
  tags: string[];
  dependencies: string[];
}
export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

export type Kind =
  'sdk' | 'port' | 'runtime' | 'adapter' | 'core' | 'testing' | 'connector' | 'generator' | 'editor' | 'app' | 'tools';

/** Folders holding one project per subfolder, and folders that are a project themselves. */
const projectGroups = ['core', 'connectors', 'generators'];
const singleProjects = ['marketplace', 'tools'];

function readProject(dir: string): Project | undefined {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return undefined;
  const json = JSON.parse(readFileSync(pkg, 'utf8'));
  return { name: json.name, dir, tags: json.nx?.tags ?? [], dependencies: Object.keys(json.dependencies ?? {}) };
}

/** Every workspace project with its package name, Nx tags and runtime dependencies. */
export function readProjects(root: string): Project[] {
  const dirs = [
    ...projectGroups.flatMap((group) =>
      existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(root, group, name)) : [],
    ),
    ...singleProjects.map((name) => join(root, name)),
  ];
  return dirs.map(readProject).filter((p): p is Project => p !== undefined);
}

/** The project's kind, from its tags. */
export function kindOf(tags: string[]): Kind {
  if (tags.includes('scope:app')) return 'app';
  if (tags.includes('scope:tools')) return 'tools';
  if (tags.includes('scope:sdk')) return 'sdk';
  if (tags.includes('type:port')) return 'port';
  if (tags.includes('type:runtime')) return 'runtime';
  if (tags.includes('type:adapter')) return 'adapter';
  if (tags.includes('scope:testing')) return 'testing';
  if (tags.includes('scope:connector')) return 'connector';
  if (tags.includes('scope:generator')) return 'generator';
  if (tags.includes('scope:editor')) return 'editor';
  if (tags.includes('scope:core')) return 'core';
  return 'connector'; // untagged: the strictest rule
}

const allowed: Record<Kind, Kind[] | '*'> = {
  sdk: [],
  port: ['sdk'],
  runtime: ['sdk'],
  adapter: ['sdk', 'port', 'runtime'],
  core: ['sdk', 'port', 'runtime', 'core'],
  testing: ['sdk', 'port', 'runtime', 'core', 'connector'],
  connector: ['sdk'],
  generator: ['sdk'],
  editor: ['sdk'],
  app: '*',
  tools: '*',
};

/** The kinds a project of `kind` may import; in tests and benchmarks a little more. */
export function allowedKinds(kind: Kind, inTest = false): Kind[] | '*' {
  const base = allowed[kind];
  if (base === '*' || !inTest) return base;
  const extra: Kind[] = ['testing'];
  if (kind !== 'connector' && kind !== 'generator' && kind !== 'editor') extra.push('adapter', 'generator', 'core');
  return [...base, ...extra];
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|vue|mts|mjs)$/.test(entry) || entry.endsWith('__tmpl__')) yield path;
  }
}

const importPattern =
  /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"](@wireup\/[^'"/]+)[^'"]*['"]|import\(\s*['"](@wireup\/[^'"/]+)[^'"]*['"]\s*\)/g;

function describeRule(project: Project, kind: Kind, kinds: Kind[] | '*'): string {
  return `${project.name} (${kind}) may import only ${kinds === '*' ? 'anything' : kinds.length ? kinds.join(', ') : 'nothing of ours'}`;
}

/** Imports of other Wireup projects, and package.json dependencies, that the rules do not allow. */
export function findViolations(root: string): Violation[] {
  const projects = readProjects(root);
  const byName = new Map(projects.map((p) => [p.name, p]));
  const violations: Violation[] = [];
  const permits = (kinds: Kind[] | '*', target: Project) => kinds === '*' || kinds.includes(kindOf(target.tags));
  for (const project of projects) {
    const kind = kindOf(project.tags);
    for (const file of sourceFiles(project.dir)) {
      const rel = relative(project.dir, file);
      const inTest = /\.test\.ts$/.test(file) || /(^|\/)(testing|bench|e2e)\//.test(rel) || file.endsWith('__tmpl__');
      // A generator's templates are the scaffolded connector's code: a connector's rules.
      const kinds = file.endsWith('__tmpl__')
        ? allowedKinds('connector', /\.test\.ts__tmpl__$/.test(file))
        : allowedKinds(kind, inTest);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(importPattern)) {
        const target = byName.get(match[1] ?? match[2]);
        if (!target || target.name === project.name || permits(kinds, target)) continue;
        violations.push({ file: relative(root, file), imports: target.name, rule: describeRule(project, kind, kinds) });
      }
    }
    const kinds = allowedKinds(kind);
    for (const dependency of project.dependencies) {
      const target = byName.get(dependency);
      const file = relative(root, join(project.dir, 'package.json'));
      if (target) {
        if (target.name !== project.name && !permits(kinds, target))
          violations.push({ file, imports: target.name, rule: describeRule(project, kind, kinds) });
      } else if (kind === 'port') {
        violations.push({
          file,
          imports: dependency,
          rule: `${project.name} (port) depends on no third-party package (drivers belong to adapters)`,
        });
      }
    }
  }
  return violations;
}
