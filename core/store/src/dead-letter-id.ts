/** Ids of dead letters: `dl_<ms since epoch, base 36, 11 digits>_<8 random hex>`, so sorting by id sorts by time. */
import { randomBytes } from 'node:crypto';

/** A new dead-letter id for a letter that died at `now`. */
export function newDeadLetterId(now: number = Date.now()): string {
  return `dl_${now.toString(36).padStart(11, '0')}_${randomBytes(4).toString('hex')}`;
}
