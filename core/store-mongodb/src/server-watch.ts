/**
 * Logs when the driver loses or regains a MongoDB server (its monitoring events), once per
 * change rather than once per failed heartbeat. Operations meanwhile fail with
 * StoreUnavailableError (503) and the bus redelivers; this says why in the log.
 */
import type { MongoClient, ServerDescriptionChangedEvent } from 'mongodb';
import type { Logger } from '@wireup/runtime';

/** Follows `client`'s server monitoring and logs each server going unreachable and coming back. */
export function watchServers(client: MongoClient, log: Logger): void {
  client.on('serverDescriptionChanged', (event: ServerDescriptionChangedEvent) => {
    const wasUp = event.previousDescription.type !== 'Unknown';
    const isUp = event.newDescription.type !== 'Unknown';
    if (wasUp && !isUp)
      log.error({ server: event.address, err: event.newDescription.error ?? undefined }, 'MongoDB server unreachable');
    else if (!wasUp && isUp && event.previousDescription.error)
      log.info({ server: event.address, type: event.newDescription.type }, 'MongoDB server reachable again');
  });
}
