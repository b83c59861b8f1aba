/** @wireup/pair-pages: the static site of mirrored pair pages, built from connector manifests. */
export { buildSite } from './build-site.ts';
export { loadInstalledManifests } from './load-manifests.ts';
export { runPagesBuild, PAGES_USAGE, type CliIo } from './cli-run.ts';
export { BUILD_STATE_FILE, BUILD_PATHS_FILE } from './build-state.ts';
export { DEFAULT_TEMPLATES_DIR } from './templates.ts';
export * from './errors.ts';
export type { BuildSiteOptions, BuildResult, BuildProgress, UsageRecord } from './types.ts';
export type { SkippedConnector } from './publishable.ts';
