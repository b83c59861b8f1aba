/**
 * What the connected server does differently from MongoDB, learnt once at start from
 * `buildInfo` (FerretDB adds `ferretdbVersion`).
 *
 * FerretDB 1.x on SQLite answers a query from an index only when its filter is `_id` alone;
 * any other filter — `{ _id, rev }` included — reads and decodes every document of the
 * collection. And it runs an update as a query followed by a separate write, not in one
 * transaction, so a compare-and-set filter is not atomic there anyway. On such a server the run
 * repository updates by `_id` alone and relies on what already makes a run single-writer: one
 * executor per run at a time (run lanes are keyed partitions) and, within a process, one
 * update of a run at a time (see keyed-serial.ts).
 */
import type { Db } from 'mongodb';

export interface ServerTraits {
  /** The server reads the whole collection for any filter but `{ _id }` (FerretDB 1.x). */
  scansUnlessFilterIsIdAlone: boolean;
}

export const mongoTraits = (): ServerTraits => ({ scansUnlessFilterIsIdAlone: false });

export async function detectServerTraits(db: Db): Promise<ServerTraits> {
  const info = await db.admin().command({ buildInfo: 1 });
  return { scansUnlessFilterIsIdAlone: typeof info.ferretdbVersion === 'string' };
}
