/**
 * `wireup start`: starts Wireup, prints where it listens and (first time) the API token, and
 * stops cleanly on SIGTERM/SIGINT: stops accepting, drains in-flight requests and runs within
 * WIREUP_SHUTDOWN_TIMEOUT_MS, then exits (0 when drained, 1 when the deadline cut work off). A start-up failure is one clear line and exit code 1.
 */
import type { Config } from '../config.ts';
import { join } from 'node:path';
import { startEmbeddedRegistry, type EmbeddedRegistry } from '@wireup/marketplace';
import { createWireup, defaultRegistryUrl } from '../wireup.ts';

/** Starts the embedded registry on 127.0.0.1:4873; when that port is taken, uses whatever registry answers there. */
async function embedRegistry(config: Config): Promise<EmbeddedRegistry | undefined> {
  try {
    const registry = await startEmbeddedRegistry({ storage: join(config.dataDir, 'registry'), port: 4873 });
    config.registryUrl = registry.url;
    process.stdout.write(
      `Connector registry (embedded Verdaccio) at ${registry.url}; publish with \`wireup connector publish <dir>\`\n`,
    );
    return registry;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    config.registryUrl = defaultRegistryUrl;
    process.stdout.write(
      `Connector registry: 127.0.0.1:4873 is taken; using the registry that answers there (set WIREUP_REGISTRY_URL to choose)\n`,
    );
    return undefined;
  }
}

/** Returns -1 while running (the process stays up), or an exit code when start-up fails. */
export async function startCommand(config: Config): Promise<number> {
  let wireup;
  let registry: EmbeddedRegistry | undefined;
  try {
    // Without WIREUP_REGISTRY_URL the marketplace reads the Verdaccio embedded here, its storage in the data folder.
    if (!config.registryUrl) registry = await embedRegistry(config);
    wireup = await createWireup(config);
    await wireup.start();
  } catch (error) {
    process.stderr.write(`wireup: could not start: ${(error as Error).message}\n`);
    await wireup?.stop().catch(() => undefined);
    await registry?.stop().catch(() => undefined);
    process.exit(1);
  }
  const backends = `${config.mongodbUrl ? 'MongoDB' : 'SQLite'} store, ${config.kafkaBrokers ? 'Kafka' : 'embedded outbox'} bus`;
  process.stdout.write(
    `Wireup is running at ${wireup.url} (role ${config.role}; ${backends}; data in ${config.dataDir})\n`,
  );
  process.stdout.write(
    `Installed connectors: ${wireup.catalog
      .list()
      .map((c) => `${c.manifest.name}@${c.manifest.version}`)
      .join(', ')}\n`,
  );
  if (wireup.apiToken.generated)
    process.stdout.write(`API token (saved in ${config.dataDir}/api-token): ${wireup.apiToken.token}\n`);
  else if (!config.apiToken) process.stdout.write(`API token: in ${config.dataDir}/api-token\n`);
  // As Jupyter does: a link with a one-time code that signs this browser in to the editor.
  const code = await wireup.sessions.issueSignInCode();
  process.stdout.write(`Open the editor (one-time sign-in link): ${config.publicUrl}/auth/sign-in?code=${code}\n`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, stopping...\n`);
    // Stop accepting, let in-flight requests answer and in-flight runs finish, within the shutdown timeout.
    // Whatever is cut off at the deadline was acknowledged durably and resumes at the next start.
    const { shutdownMs } = config.timeouts;
    let deadline: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      wireup.stop({ drainMs: shutdownMs }).then(
        ({ drained: all }) => all,
        (error: Error) => {
          process.stderr.write(`wireup: error while stopping: ${error.message}\n`);
          return true;
        },
      ),
      // A hard stop, should closing the bus or the store itself hang.
      new Promise<false>((resolve) => {
        deadline = setTimeout(() => resolve(false), shutdownMs + 1000);
      }),
    ]);
    clearTimeout(deadline);
    if (!drained)
      process.stderr.write(
        `wireup: in-flight work did not finish within WIREUP_SHUTDOWN_TIMEOUT_MS=${shutdownMs}; exiting (unfinished runs resume at the next start)\n`,
      );
    else process.stdout.write('Stopped.\n');
    await registry?.stop().catch(() => undefined);
    process.exit(drained ? 0 : 1);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return -1;
}
