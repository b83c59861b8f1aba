/** @wireup/marketplace: connector packages over the npm registry protocol (catalogue, installer, registry of installed versions, isolation, build and publish). */
export * from './errors.ts';
export {
  createRegistryClient,
  connectorKeyword,
  type RegistryClient,
  type Packument,
  type PackumentVersion,
} from './registry-client.ts';
export { startEmbeddedRegistry, type EmbeddedRegistry } from './embedded-registry.ts';
export { createInstaller, pickVersion, type Installer } from './installer.ts';
export { createPackageStore, type PackageStore } from './package-store.ts';
export { createInstallations, installationsKey, type Installation, type Installations } from './installations.ts';
export { createConnectorRegistry, type ConnectorRegistry } from './connector-registry.ts';
export { readConnectorPackage, type ConnectorPackage } from './connector-package.ts';
export { buildConnector, type BuiltConnector } from './build-connector.ts';
export { publishConnector, type Published } from './publish-connector.ts';
export { runningSdkVersion } from './sdk-version.ts';
export {
  createMarketplace,
  type Marketplace,
  type MarketplaceOptions,
  type MarketplaceChange,
  type InstallResult,
} from './marketplace.ts';
export { createCatalogue, type Catalogue, type CatalogueEntry, type CatalogueVersion } from './catalogue.ts';
export {
  diffManifests,
  addedItems,
  upgradeReport,
  type UpgradeReport,
  type ManifestChange,
  type ManifestAddition,
  type BrokenStep,
} from './upgrade-report.ts';
export { publishedUses, type PublishedUse } from './workflow-pins.ts';
