/**
 * The embedded backend's event intake: the event row and its `events` outbox message are written
 * in one transaction on the store's one SQLite connection (the outbox shares it), committed
 * durably before the webhook's 2xx. There is thus no event stored but not queued, and nothing to
 * re-publish after a crash.
 */
import type { EventIntake } from '@wireup/engine';
import type { SqliteStore } from '@wireup/store-sqlite';
import type { OutboxEventBus } from '@wireup/bus-sqlite';

/** `bus` must have been created on `store.sqlite` (createOutboxEventBus's `sqlite` option). */
export function embeddedEventIntake(store: SqliteStore, bus: OutboxEventBus): EventIntake {
  return (record, message) => store.events.acceptWith(record, () => bus.stage('events', record.key, message));
}
