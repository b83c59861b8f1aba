/**
 * What an extracted connector package must hold, read without running any of it: package.json
 * with the `wireup-connector` keyword and `"wireup": {"manifest", "sdk"}`, a manifest that
 * validates against core/sdk's schema and names the same connector version, an sdk range the
 * running SDK satisfies, and the bundled JavaScript its `main` names.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import semver from 'semver';
import { validateManifest, type ConnectorManifest } from '@wireup/sdk';
import { NotAConnectorError, PackageManifestInvalidError, SdkIncompatibleError } from './errors.ts';
import { connectorKeyword } from './registry-client.ts';

export interface ConnectorPackageJson {
  name: string;
  version: string;
  main?: string;
  keywords?: string[];
  wireup?: { manifest?: string; sdk?: string };
}

export interface ConnectorPackage {
  packageJson: ConnectorPackageJson;
  manifest: ConnectorManifest;
  /** Path of the bundled entry, relative to the package folder. */
  main: string;
  sdkRange: string;
}

function inside(dir: string, relativePath: string, spec: string, what: string): string {
  const full = resolve(dir, relativePath);
  if (!full.startsWith(resolve(dir) + sep))
    throw new NotAConnectorError(spec, `${what} "${relativePath}" points outside the package`);
  return full;
}

async function readJson(path: string, spec: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new NotAConnectorError(spec, `it has no ${what}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NotAConnectorError(spec, `its ${what} is not JSON (${(error as Error).message})`);
  }
}

/** Reads and checks the package in `dir` (package.json at its root). Throws the refusal that says why. */
export async function readConnectorPackage(dir: string, spec: string, sdkVersion: string): Promise<ConnectorPackage> {
  const packageJson = (await readJson(join(dir, 'package.json'), spec, 'package.json')) as ConnectorPackageJson;
  if (!packageJson.keywords?.includes(connectorKeyword))
    throw new NotAConnectorError(spec, `package.json lacks the keyword "${connectorKeyword}"`);
  const sdkRange = packageJson.wireup?.sdk;
  const manifestPath = packageJson.wireup?.manifest;
  if (!manifestPath || !sdkRange)
    throw new NotAConnectorError(spec, 'package.json needs "wireup": {"manifest": "manifest.json", "sdk": "<range>"}');
  const manifest = await readJson(
    inside(dir, manifestPath, spec, 'wireup.manifest'),
    spec,
    `manifest (${manifestPath})`,
  );
  const problems = validateManifest(manifest);
  if (problems.length) throw new PackageManifestInvalidError(spec, problems);
  const m = manifest as ConnectorManifest;
  if (m.version !== packageJson.version) {
    throw new PackageManifestInvalidError(spec, [
      {
        path: '/version',
        message: `is ${m.version} but the package is ${packageJson.version}`,
        fix: 'give the manifest the package version',
      },
    ]);
  }
  if (!semver.validRange(sdkRange))
    throw new NotAConnectorError(spec, `wireup.sdk "${sdkRange}" is not a semver range`);
  if (!semver.satisfies(sdkVersion, sdkRange, { includePrerelease: true }))
    throw new SdkIncompatibleError(spec, sdkRange, sdkVersion);
  const main = packageJson.main ?? 'index.js';
  const mainPath = inside(dir, main, spec, 'main');
  if (
    !(await stat(mainPath).then(
      (s) => s.isFile(),
      () => false,
    ))
  )
    throw new NotAConnectorError(
      spec,
      `its main file "${main}" is missing (publish the bundle built by \`wireup connector build\`)`,
    );
  return { packageJson, manifest: m, main, sdkRange };
}
