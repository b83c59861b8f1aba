/**
 * An embedded Verdaccio (the real npm registry `npm start` runs when WIREUP_REGISTRY_URL is not
 * set, and the one the tests publish to), in-process through Verdaccio's programmatic API.
 * Storage under the given folder, loopback only, no uplinks (nothing is proxied from npmjs);
 * anyone who can reach it may publish, which is why it listens on 127.0.0.1 by default.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';

export interface EmbeddedRegistry {
  /** http://127.0.0.1:<port> */
  url: string;
  storage: string;
  stop(): Promise<void>;
}

export interface EmbeddedRegistryOptions {
  /** Folder for the packages and the htpasswd file. */
  storage: string;
  /** Default 4873, Verdaccio's own; 0 picks a free one. */
  port?: number;
  host?: string;
}

/** Starts Verdaccio and resolves once it listens. */
export async function startEmbeddedRegistry(options: EmbeddedRegistryOptions): Promise<EmbeddedRegistry> {
  const storage = join(options.storage, 'packages');
  mkdirSync(storage, { recursive: true });
  // Verdaccio is CommonJS and large; load it only when a registry is embedded.
  const { runServer } = (await import('verdaccio')) as unknown as {
    runServer(config: unknown): Promise<{ listen(port: number, host: string, cb: () => void): Server }>;
  };
  const config = {
    self_path: join(options.storage, 'config.yaml'),
    configPath: join(options.storage, 'config.yaml'),
    storage,
    auth: { htpasswd: { file: join(options.storage, 'htpasswd'), max_users: -1 } },
    uplinks: {},
    packages: { '**': { access: '$all', publish: '$all', unpublish: '$all' } },
    max_body_size: '20mb',
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    web: { enable: false },
    security: { api: { legacy: true } },
  };
  const app = await runServer(config);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 4873, host, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    storage,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
