/**
 * Which connectors get public pages: not those whose manifest still holds placeholder text
 * (a freshly scaffolded connector's `TODO(<name>)` description), which `wireup connectors
 * validate` and `wireup connector publish` refuse too. They are left off every page, links
 * and counts included, and reported so the build can say why.
 */
import { formatProblems, publishingProblems, type ConnectorManifest } from '@wireup/sdk';

/** A connector the build left off, and why. */
export interface SkippedConnector {
  name: string;
  reason: string;
}

/** Splits `manifests` into those to publish and those left off. */
export function publishable(manifests: ConnectorManifest[]): {
  manifests: ConnectorManifest[];
  skipped: SkippedConnector[];
} {
  const kept: ConnectorManifest[] = [];
  const skipped: SkippedConnector[] = [];
  for (const m of manifests) {
    const problems = publishingProblems(m);
    if (problems.length) skipped.push({ name: m.name, reason: `not ready to publish: ${formatProblems(problems)}` });
    else kept.push(m);
  }
  return { manifests: kept, skipped };
}
