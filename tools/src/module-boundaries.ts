/**
 * Module boundaries (docs/architecture.md, "Packages"), checked from the projects' Nx tags: connectors import only
 * the SDK; the engine and the ports depend on no adapter; only the composition root
 * (scope:app) imports adapters. This stands in for @nx/enforce-module-boundaries, which needs
 * ESLint; the rules are the same tags.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Project { name: string; dir: string; tags: string[] }
export interface Violation { file: string; imports: string; rule: string }

const projectDirs = ['core', 'connectors', 'generators'];

/** Every workspace project with its package name and Nx tags. */
export function readProjects(root: string): Project[] {
  const projects: Project[] = [];
  for (const group of projectDirs) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const pkg = join(base, name, 'package.json');
      if (!existsSync(pkg)) continue;
      const json = JSON.parse(readFileSync(pkg, 'utf8'));
      projects.push({ name: json.name, dir: join(base, name), tags: json.nx?.tags ?? [] });
    }
  }
  return projects;
}

/** Which tags a project with these tags may import (runtime imports). `*` means anything. */
export function allowedTags(tags: string[]): string[] {
  if (tags.includes('scope:app') || tags.includes('scope:tools')) return ['*'];
  if (tags.includes('scope:testing')) return ['scope:sdk', 'scope:core', 'type:port', 'scope:connector'];
  if (tags.includes('type:adapter')) return ['scope:sdk', 'type:port'];
  if (tags.includes('type:port')) return ['scope:sdk'];
  if (tags.includes('scope:core')) return ['scope:sdk', 'type:port'];
  return ['scope:sdk'];
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|vue)$/.test(entry)) yield path;
  }
}

const importPattern = /(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"](@wireup\/[^'"/]+)[^'"]*['"]|import\(\s*['"](@wireup\/[^'"/]+)[^'"]*['"]\s*\)/g;

/** Imports of other Wireup projects that the tags do not allow. Type-only imports of ports are allowed everywhere. */
export function findViolations(root: string): Violation[] {
  const projects = readProjects(root);
  const byName = new Map(projects.map((p) => [p.name, p]));
  const violations: Violation[] = [];
  for (const project of projects) {
    const allowed = allowedTags(project.tags);
    for (const file of sourceFiles(project.dir)) {
      const isTest = /\.test\.ts$/.test(file) || file.includes('/testing/');
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(importPattern)) {
        const target = byName.get(match[3] ?? match[4]);
        if (!target || target.name === project.name) continue;
        if (isTest && target.tags.includes('scope:testing')) continue;
        const typeOnly = Boolean(match[2]);
        if (typeOnly && target.tags.includes('type:port')) continue;
        if (allowed.includes('*') || target.tags.some((t) => allowed.includes(t))) continue;
        violations.push({ file: relative(root, file), imports: target.name, rule: `${project.name} [${project.tags.join(', ')}] may import only ${allowed.join(', ')}${target.tags.includes('type:port') ? ' (ports: with `import type`)' : ''}` });
      }
    }
  }
  return violations;
}
