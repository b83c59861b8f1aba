/**
 * `wireup start`: starts Wireup, prints where it listens and (first time) the API token, and
 * stops cleanly on SIGTERM/SIGINT. A start-up failure is one clear line and exit code 1.
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
  // As Jupyter does: a link with a one-time code that signs this browser in to the editor.
  const code = await wireup.sessions.issueSignInCode();
  process.stdout.write(`Open the editor (one-time sign-in link): ${config.publicUrl}/auth/sign-in?code=${code}\n`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, stopping...\n`);
    await wireup.stop().catch((error: Error) => process.stderr.write(`wireup: error while stopping: ${error.message}\n`));
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return -1;
}
