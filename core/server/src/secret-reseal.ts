/**
 * Re-seals stored connection secrets: at start-up every value still in the old v1 format
 * (not bound to its connection) becomes v2; `wireup secrets rotate` re-seals every value not
 * yet under the current key. The store has no compare-and-set, so each row is read again just
 * before it is written and skipped when it changed meanwhile (an API update already sealed it
 * with the current key); a skipped or failed row is reported, and running again picks it up.
 */
import type { Store } from '@wireup/store';
import type { SecretBox } from './secret-box.ts';

/** What a re-seal pass did. */
export interface ResealReport {
  total: number;
  resealed: number;
  /** Already sealed under the current key (or, for `legacy`, already v2). */
  unchanged: number;
  /** Changed by someone else between read and write; run again. */
  skipped: string[];
  /** Could not be opened with any key: `{id, message}`. */
  failed: Array<{ id: string; message: string }>;
}

/** Re-seals `legacy` (v1 values only) or `all` values not under the current key. */
export async function resealConnections(store: Store, box: SecretBox, scope: 'legacy' | 'all'): Promise<ResealReport> {
  const report: ResealReport = { total: 0, resealed: 0, unchanged: 0, skipped: [], failed: [] };
  for (const connection of await store.connections.list()) {
    report.total += 1;
    const sealed = connection.authCiphertext;
    const legacy = sealed.startsWith('v1.');
    if (box.isCurrent(sealed) || (scope === 'legacy' && !legacy)) {
      report.unchanged += 1;
      continue;
    }
    let value: unknown;
    try {
      value = legacy ? box.openLegacy(sealed) : box.open(sealed, connection.id);
    } catch (error) {
      report.failed.push({ id: connection.id, message: (error as Error).message });
      continue;
    }
    const now = await store.connections.get(connection.id);
    if (now?.authCiphertext !== sealed) {
      report.skipped.push(connection.id);
      continue;
    }
    await store.connections.update(connection.id, { authCiphertext: box.seal(value, connection.id) });
    report.resealed += 1;
  }
  return report;
}
