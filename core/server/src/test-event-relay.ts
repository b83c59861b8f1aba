/**
 * "Listen for a test event" across the processes of a deployment (broadcast.ts, bus topic
 * `workflows`): a provider's delivery may reach any process behind the load balancer, while the
 * editor's long poll waits on one. Relaying every stored event would put one more bus message on
 * the webhook path of every event; instead a listening process says which trigger connection it
 * listens to and until when (`test-event.listening`), every process remembers that, and only a
 * process storing an event of such a connection while it is listened to elsewhere sends the event
 * key (`test-event.delivered`); the listening process reads the event from the Store and hands it
 * to its waiting requests. With nobody listening elsewhere a stored event costs one map look-up.
 *
 * A delivery taken in the moment between the listener's request and its announcement reaching the
 * process that takes it (the bus's delivery time, milliseconds to a second) is not relayed; the
 * listener keeps waiting for the next one.
 */
import type { EventRecord } from '@wireup/store';
import type { Logger } from '@wireup/runtime';
import type { Broadcast } from './broadcast.ts';
import type { TestEventHub } from './test-event-hub.ts';

interface Listening {
  connectionId: string;
  /** Epoch ms until which the listener waits. */
  until: number;
}

interface Delivered {
  connectionId: string;
  eventKey: string;
}

/** Added to a listener's wait: the processes' clocks and the bus's delivery time may differ by that much. */
const GRACE_MS = 2_000;

/** A hub that also hears deliveries taken by other processes and tells them about its own listeners. */
export function relayTestEvents(
  hub: TestEventHub,
  options: {
    broadcast: Broadcast;
    readEvent(key: string): Promise<EventRecord | null>;
    log: Logger;
    now?: () => number;
  },
): TestEventHub {
  const { broadcast, readEvent, log } = options;
  if (!broadcast.shared) return hub;
  const now = options.now ?? Date.now;
  /** Trigger connections listened to on other processes, and until when. */
  const listenedElsewhere = new Map<string, number>();

  broadcast.on<Listening>('test-event.listening', ({ connectionId, until }) => {
    if (typeof connectionId !== 'string' || !Number.isFinite(until)) return;
    const at = now();
    for (const [id, end] of listenedElsewhere) if (end <= at) listenedElsewhere.delete(id);
    if (until > at) listenedElsewhere.set(connectionId, Math.max(until, listenedElsewhere.get(connectionId) ?? 0));
  });
  broadcast.on<Delivered>('test-event.delivered', async ({ eventKey }) => {
    if (hub.listening === 0 || typeof eventKey !== 'string') return;
    const event = await readEvent(eventKey);
    if (event) hub.deliver(event);
  });

  const failed = (what: string) => (error: unknown) =>
    log.warn({ err: error }, `could not tell the other processes ${what}`);

  return {
    deliver(event) {
      hub.deliver(event);
      if ((listenedElsewhere.get(event.connectionId) ?? 0) > now())
        broadcast
          .send(event.connectionId, {
            type: 'test-event.delivered',
            connectionId: event.connectionId,
            eventKey: event.key,
          })
          .catch(failed('about a test event'));
    },
    next(listener, timeoutMs, signal) {
      broadcast
        .send(listener.connectionId, {
          type: 'test-event.listening',
          connectionId: listener.connectionId,
          until: now() + timeoutMs + GRACE_MS,
        })
        .catch(failed('that a test event is awaited'));
      return hub.next(listener, timeoutMs, signal);
    },
    get listening() {
      return hub.listening;
    },
  };
}
