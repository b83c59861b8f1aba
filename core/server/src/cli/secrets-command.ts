/**
 * `wireup secrets rotate`: re-seals every connection's secrets under the current key
 * (WIREUP_SECRET_KEY), opening them with it or with WIREUP_SECRET_KEY_FALLBACKS. It runs beside
 * running servers (same store); the zero-downtime procedure is in README.md ("Rotating the
 * secret key"). Exit code 0 when every connection is under the current key, 1 otherwise.
 */
import type { Config } from '../config.ts';
import { pickStore } from '../wireup.ts';
import { createLogger } from '../logger.ts';
import { createSecretBox } from '../secret-box.ts';
import { loadKeyRing } from '../secret-keys.ts';
import { resealConnections } from '../secret-reseal.ts';

/** Runs `wireup secrets <sub>`. */
export async function secretsCommand(sub: string | undefined, config: Config): Promise<number> {
  if (sub !== 'rotate') {
    process.stderr.write('Usage: wireup secrets rotate\n');
    return 2;
  }
  const store = await pickStore(config, createLogger({ level: config.logLevel }).child({ component: 'store' }));
  await store.start();
  try {
    const ring = await loadKeyRing(config, store.kv);
    const report = await resealConnections(store, createSecretBox(ring), 'all');
    process.stdout.write(
      `Re-sealed ${report.resealed} of ${report.total} connection(s) under key ${ring.current.id}; ${report.unchanged} already were.\n`,
    );
    if (report.skipped.length)
      process.stdout.write(`Changed while rotating (run again): ${report.skipped.join(', ')}\n`);
    for (const failure of report.failed) process.stderr.write(`wireup: connection ${failure.id}: ${failure.message}\n`);
    return report.skipped.length || report.failed.length ? 1 : 0;
  } finally {
    await store.stop();
  }
}
