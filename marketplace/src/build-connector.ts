/**
 * `wireup connector build <dir>`: validates the connector's manifest, bundles its code and
 * dependencies into one ES module with esbuild (nothing to `npm install`, no install script),
 * writes the package as it will be published to `<dir>/dist/package/`, and packs it into an
 * npm tarball (`package/…` entries) with `tar`.
 */
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { create } from 'tar';
import { formatProblems, validateManifest, type ConnectorManifest } from '@wireup/sdk';
import { ConnectorBuildError } from './errors.ts';
import { connectorKeyword } from './registry-client.ts';

export interface BuiltConnector {
  /** The package.json published (also the packument version's fields). */
  packageJson: Record<string, unknown> & { name: string; version: string };
  manifest: ConnectorManifest;
  /** `<dir>/dist/package` */
  packageDir: string;
  /** The gzipped tarball. */
  tarball: Buffer;
  /** `<dir>/dist/<name>-<version>.tgz` */
  tarballPath: string;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

async function readJson<T>(path: string, dir: string, what: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    throw new ConnectorBuildError(dir, `cannot read ${what} (${(error as Error).message})`);
  }
}

/** The source entry: `wireup.entry`, else src/index.ts, else package.json `main`. */
async function entryOf(dir: string, pkg: { main?: string; wireup?: { entry?: string } }): Promise<string> {
  for (const candidate of [pkg.wireup?.entry, 'src/index.ts', pkg.main]) {
    if (candidate && (await exists(join(dir, candidate)))) return join(dir, candidate);
  }
  throw new ConnectorBuildError(
    dir,
    'no entry: give src/index.ts (default export made by defineConnector) or "wireup": {"entry": "..."}',
  );
}

/** Builds and packs the connector in `dir`. */
export async function buildConnector(directory: string): Promise<BuiltConnector> {
  const dir = resolve(directory);
  const source = await readJson<Record<string, any>>(join(dir, 'package.json'), dir, 'package.json');
  const manifest = await readJson<ConnectorManifest>(
    join(dir, 'manifest.json'),
    dir,
    'manifest.json (run `npm run codegen` in the connector first)',
  );
  const problems = validateManifest(manifest);
  if (problems.length) throw new ConnectorBuildError(dir, `manifest.json is invalid: ${formatProblems(problems)}`);
  if (manifest.version !== source.version)
    throw new ConnectorBuildError(
      dir,
      `manifest.json says version ${manifest.version} but package.json ${source.version}; keep them equal`,
    );

  const out = join(dir, 'dist');
  const packageDir = join(out, 'package');
  await rm(out, { recursive: true, force: true });
  await mkdir(packageDir, { recursive: true });
  try {
    await build({
      entryPoints: [await entryOf(dir, source)],
      outfile: join(packageDir, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      legalComments: 'none',
      minifySyntax: true,
      // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __wireupCreateRequire } from 'node:module'; const require = __wireupCreateRequire(import.meta.url);",
      },
    });
  } catch (error) {
    throw new ConnectorBuildError(dir, `esbuild could not bundle it: ${(error as Error).message}`);
  }
  const packageJson = {
    name: source.name as string,
    version: source.version as string,
    description: source.description ?? manifest.description,
    keywords: [...new Set([connectorKeyword, ...(source.keywords ?? []), ...manifest.categories])],
    license: source.license ?? 'UNLICENSED',
    type: 'module',
    main: 'index.js',
    wireup: {
      manifest: 'manifest.json',
      sdk: manifest.sdk,
      displayName: manifest.displayName,
      categories: manifest.categories,
      ...(manifest.icon ? { icon: manifest.icon } : {}),
    },
  };
  await writeFile(join(packageDir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  await writeFile(join(packageDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (await exists(join(dir, 'README.md'))) await copyFile(join(dir, 'README.md'), join(packageDir, 'README.md'));

  const tarballPath = join(out, `${packageJson.name.replace(/^@/, '').replace('/', '-')}-${packageJson.version}.tgz`);
  // portable + a fixed mtime: the same build packs to the same bytes.
  await create({ gzip: true, cwd: out, file: tarballPath, portable: true, mtime: new Date('1985-10-26T08:15:00Z') }, [
    'package',
  ]);
  return { packageJson, manifest, packageDir, tarball: await readFile(tarballPath), tarballPath };
}
