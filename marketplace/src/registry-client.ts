/**
 * The npm registry protocol, as the marketplace uses it: packuments, tarballs, search and
 * publish, through npm-registry-fetch (any npm registry: Verdaccio, npmjs, GitHub Packages,
 * Artifactory). Nothing here trusts what it downloads; the installer verifies it.
 */
import npmFetch from 'npm-registry-fetch';
import validatePackageName from 'validate-npm-package-name';
import { PackageNameInvalidError, PackageNotFoundError, RegistryUnavailableError } from './errors.ts';

/** One version in a packument (the fields the marketplace reads). */
export interface PackumentVersion {
  name: string;
  version: string;
  description?: string;
  keywords?: string[];
  wireup?: { manifest?: string; sdk?: string };
  dist: { tarball: string; integrity?: string; shasum?: string };
}

/** A package document as registries serve it. */
export interface Packument {
  name: string;
  'dist-tags'?: Record<string, string>;
  versions: Record<string, PackumentVersion>;
  time?: Record<string, string>;
}

export interface RegistryClient {
  readonly url: string;
  packument(name: string): Promise<Packument>;
  /** The tarball's bytes, unverified. */
  tarball(url: string): Promise<Buffer>;
  /** Names of packages carrying the `wireup-connector` keyword. */
  searchConnectors(): Promise<string[]>;
  /** npm-registry-fetch options for this registry (libnpmpublish takes the same). */
  options(): Record<string, unknown>;
}

export interface RegistryClientOptions {
  url: string;
  /** Bearer token, for registries that need one to publish or read. */
  token?: string;
  timeoutMs?: number;
}

/** The keyword that marks a package as a Wireup connector. */
export const connectorKeyword = 'wireup-connector';

function registryError(url: string, name: string | undefined, error: unknown): Error {
  const e = error as { code?: string; statusCode?: number; message?: string };
  if ((e.code === 'E404' || e.statusCode === 404) && name) return new PackageNotFoundError(name, url);
  // Verdaccio's own name rules are stricter than npm's (`@acme/node_modules`): its 400 is about the name.
  if ((e.code === 'E400' || e.statusCode === 400) && name)
    return new PackageNameInvalidError(name, [`the registry ${url} refuses it`]);
  return new RegistryUnavailableError(url, e.message ?? String(error));
}

/** A client for one registry. */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const url = options.url.replace(/\/+$/, '') + '/';
  const host = new URL(url).host;
  const opts = (): Record<string, unknown> => ({
    registry: url,
    timeout: options.timeoutMs ?? 30_000,
    retry: { retries: 1, minTimeout: 200, maxTimeout: 1_000 },
    preferOnline: true,
    ...(options.token ? { [`//${host}/:_authToken`]: options.token } : {}),
  });
  return {
    url: url.replace(/\/$/, ''),
    options: opts,
    async packument(name) {
      // Old names (capitals, `~`) are still fetched; a name no registry can hold is refused here,
      // where a registry would answer 400 (Verdaccio) and that would read as the registry failing.
      const { validForOldPackages, errors = [] } = validatePackageName(name);
      if (!validForOldPackages) throw new PackageNameInvalidError(name, errors);
      try {
        return (await npmFetch.json(`/${name.replace('/', '%2f')}`, opts())) as unknown as Packument;
      } catch (error) {
        throw registryError(url, name, error);
      }
    },
    async tarball(tarballUrl) {
      try {
        const response = await npmFetch(tarballUrl, opts());
        return await response.buffer();
      } catch (error) {
        throw registryError(url, undefined, error);
      }
    },
    async searchConnectors() {
      const names = new Set<string>();
      // npmjs understands `keywords:`; Verdaccio matches text only, so an empty query there lists
      // everything and the keyword is checked on each result.
      const search = async (text: string, strict: boolean) => {
        for (let from = 0; ; from += 250) {
          const page = (await npmFetch.json('/-/v1/search', {
            ...opts(),
            query: { text, size: 250, from },
          })) as unknown as {
            objects: Array<{ package: { name: string; keywords?: string[] } }>;
          };
          for (const o of page.objects)
            if (o.package.keywords?.includes(connectorKeyword) || (!strict && !o.package.keywords))
              names.add(o.package.name);
          if (page.objects.length < 250 || from > 10_000) break;
        }
      };
      try {
        await search(`keywords:${connectorKeyword}`, false);
        if (!names.size) await search('', true);
      } catch (error) {
        throw registryError(url, undefined, error);
      }
      return [...names].sort();
    },
  };
}
