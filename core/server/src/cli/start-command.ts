/**
 * `wireup start`: starts Wireup, prints where it listens and (first time) the API token, and
 * stops cleanly on SIGTERM/SIGINT: stops accepting, drains in-flight requests and runs within
 * WIREUP_SHUTDOWN_TIMEOUT_MS, then exits (0 when drained, 1 when the deadline cut work off). A start-up failure is one clear line and exit code 1.
 */
import type { Config } from '../config.ts';
import { createWireup } from '../wireup.ts';

/** Returns -1 while running (the process stays up), or an exit code when start-up fails. */
export async function startCommand(config: Config): Promise<number> {
  let wireup;
  try {
    wireup = await createWireup(config);
    await wireup.start();
  } catch (error) {
    process.stderr.write(`wireup: could not start: ${(error as Error).message}\n`);
    await wireup?.stop().catch(() => undefined);
    process.exit(1);
  }
  const backends = `${config.mongodbUrl ? 'MongoDB' : 'SQLite'} store, ${config.kafkaBrokers ? 'Kafka' : 'embedded outbox'} bus`;
  process.stdout.write(`Wireup is running at ${wireup.url} (role ${config.role}; ${backends}; data in ${config.dataDir})\n`);
  process.stdout.write(`Installed connectors: ${wireup.catalog.list().map((c) => `${c.manifest.name}@${c.manifest.version}`).join(', ')}\n`);
  if (wireup.apiToken.generated) process.stdout.write(`API token (saved in ${config.dataDir}/api-token): ${wireup.apiToken.token}\n`);
  else if (!config.apiToken) process.stdout.write(`API token: in ${config.dataDir}/api-token\n`);
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
      wireup.stop({ drainMs: shutdownMs }).then(({ drained: all }) => all, (error: Error) => { process.stderr.write(`wireup: error while stopping: ${error.message}\n`); return true; }),
      // A hard stop, should closing the bus or the store itself hang.
      new Promise<false>((resolve) => { deadline = setTimeout(() => resolve(false), shutdownMs + 1000); }),
    ]);
    clearTimeout(deadline);
    if (!drained) process.stderr.write(`wireup: in-flight work did not finish within WIREUP_SHUTDOWN_TIMEOUT_MS=${shutdownMs}; exiting (unfinished runs resume at the next start)\n`);
    else process.stdout.write('Stopped.\n');
    process.exit(drained ? 0 : 1);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return -1;
}
