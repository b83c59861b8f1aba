import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryEventBus } from '@wireup/testing';
import { silentLogger } from '@wireup/runtime';
import type { EventBus } from '@wireup/bus';
import type { EventRecord } from '@wireup/store';
import { createBroadcast } from './broadcast.ts';
import { createTestEventHub, type TestEventHub } from './test-event-hub.ts';
import { relayTestEvents } from './test-event-relay.ts';

const event = (key: string, connectionId: string): EventRecord => ({
  key,
  connectionId,
  connector: 'stripe',
  providerEventId: key,
  type: 'charge.failed',
  payload: { id: key },
  status: 'received',
  receivedAt: new Date().toISOString(),
});

describe('listening for a test event across processes', () => {
  let bus: EventBus;
  /** Added to the processes' clock, to move past a wait without sleeping. */
  let skew = 0;
  const now = () => Date.now() + skew;
  afterEach(async () => bus?.stop());

  /** Two processes on one bus and one Store (a map of events), each with its relayed hub; `sent` counts bus messages. */
  async function twoProcesses(shared = true) {
    bus = createMemoryEventBus();
    skew = 0;
    const stored = new Map<string, EventRecord>();
    const sent: string[] = [];
    const publish = bus.publish.bind(bus);
    bus.publish = async (topic, key, value) => {
      sent.push((value as { type: string }).type);
      return publish(topic, key, value);
    };
    const make = async (): Promise<TestEventHub & { store(e: EventRecord): void }> => {
      const broadcast = await createBroadcast({ bus, shared, log: silentLogger, now });
      const hub = relayTestEvents(createTestEventHub(), {
        broadcast,
        readEvent: async (key) => stored.get(key) ?? null,
        log: silentLogger,
        now,
      });
      return Object.assign(hub, {
        store(e: EventRecord) {
          stored.set(e.key, e);
          hub.deliver(e);
        },
      });
    };
    const a = await make();
    const b = await make();
    await bus.start();
    return { a, b, sent };
  }
  const onConnection = (connectionId: string) => ({
    connectionId,
    accepts: (e: EventRecord) => e.connectionId === connectionId,
  });
  const settle = () => new Promise((r) => setTimeout(r, 50));

  it('hands a listener on one process the matching event another process stored', async () => {
    const { a, b, sent } = await twoProcesses();
    const heard = a.next(onConnection('conn_1'), 2_000);
    await settle(); // the announcement reaches B
    b.store(event('evt_other', 'conn_2'));
    b.store(event('evt_1', 'conn_1'));
    expect(await heard).toMatchObject({ key: 'evt_1', connectionId: 'conn_1' });
    // One announcement and one relayed delivery: the other connection's event was not sent anywhere.
    expect(sent).toEqual(['test-event.listening', 'test-event.delivered']);
  });

  it('sends nothing for events nobody listens to, nor after the listener gave up', async () => {
    const { a, b, sent } = await twoProcesses();
    b.store(event('evt_0', 'conn_1'));
    expect(await a.next(onConnection('conn_1'), 10)).toBeNull();
    await settle();
    skew = 2_100; // past the wait and its grace
    b.store(event('evt_late', 'conn_1'));
    await settle();
    expect(sent).toEqual(['test-event.listening']);
  });

  it('still hears its own deliveries, and sends nothing on a bus of its own', async () => {
    const { a, sent } = await twoProcesses(false);
    const heard = a.next(onConnection('conn_1'), 2_000);
    a.store(event('evt_1', 'conn_1'));
    expect(await heard).toMatchObject({ key: 'evt_1' });
    expect(sent).toEqual([]);
  });
});
