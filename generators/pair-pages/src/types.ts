/** Public types of the pair-page generator. */
import type { ConnectorManifest } from '@wireup/sdk';
import type { SkippedConnector } from './publishable.ts';

/** How often a trigger has been wired to an action, e.g. from the run log. Ids are namespaced: `stripe.charge-failed`. */
export interface UsageRecord {
  trigger: string;
  action: string;
  count: number;
}

/** Progress of a build: pages examined so far out of all pages. */
export interface BuildProgress {
  done: number;
  total: number;
}

/** Options of {@link buildSite}. */
export interface BuildSiteOptions {
  /** The connectors to publish. Data only: no connector code is run. Those whose text still holds a placeholder (`TODO`) are left off. */
  manifests: ConnectorManifest[];
  /** Output folder; pages go under `<outDir>/integrations/`, plus `sitemap.xml` and `robots.txt` at its root. */
  outDir: string;
  /** Absolute origin the site is served from, e.g. `https://wireup.example.com` (used in canonical links, OpenGraph and the sitemap). */
  baseUrl: string;
  /** Workflow counts per trigger × action; orders the "Popular pairings" and picks the most-used pairing. */
  usage?: UsageRecord[];
  /** Called every few hundred pages and once at the end. */
  onProgress?: (progress: BuildProgress) => void;
  /** When true and a previous build's manifest exists in outDir, only pages whose inputs changed are written. Default false. */
  incremental?: boolean;
  /** Folder of the Handlebars templates; defaults to the package's `templates/`. */
  templatesDir?: string;
  /** How many files are written at once when rendering in this thread. Default 64. */
  writeConcurrency?: number;
  /**
   * Worker threads that render and write (0: render in this thread). Default: none below
   * 4,000 files to write, else one per core, at most 2.
   */
  workers?: number;
}

/** What a build did. */
export interface BuildResult {
  /** Files written (pages, sitemaps, robots.txt, CSS) because they are new or their inputs changed. */
  written: number;
  /** Files left as they were because their inputs did not change. */
  unchanged: number;
  /** Files of the previous build that this build no longer produces, deleted. */
  removed: number;
  /** HTML pages the site has. */
  pages: number;
  /** Connectors left off the site: their manifest still holds placeholder text (a scaffold's `TODO`). */
  skipped: SkippedConnector[];
  /** Wall time of the build in milliseconds. */
  ms: number;
}
