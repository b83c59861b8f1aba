/**
 * The EventBus contract: one vitest suite that every EventBus adapter (memory, SQLite outbox,
 * Kafka) runs, through the port only.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { EventBus } from '@wireup/bus';
import { describeDeadLetterContract } from './bus-contract-dead-letters.ts';
import { describeDeliveryContract } from './bus-contract-delivery.ts';
import { describeDurabilityContract } from './bus-contract-durability.ts';
import { describeOrderingContract } from './bus-contract-ordering.ts';

/** What an adapter's test gives the suite for each test. */
export interface BusUnderTest {
  /** A fresh, isolated, not yet started bus (new file, new topic prefix...). */
  bus: EventBus;
  /** The `maxDeliveries` the bus was created with (keep it small, e.g. 3, with short redelivery delays). */
  maxDeliveries: number;
  /** Removes what the bus left (files, topics). Called after the bus is stopped. */
  cleanup(): Promise<void>;
  /** For durable adapters: a new bus on the same storage. Called only after the previous bus was stopped. */
  reopen?(): Promise<EventBus>;
}

export type EventBusFactory = () => Promise<BusUnderTest>;

/** Gives the parts of the suite the bus of the current test, and stops every bus it opened after the test. */
export interface BusHarness {
  bus(): EventBus;
  /** The `maxDeliveries` of the current bus. */
  maxDeliveries(): number;
  /** Whether the adapter can reopen its storage. */
  canReopen(): boolean;
  /** Stops the current bus and returns a new one on the same storage. */
  reopen(): Promise<EventBus>;
}

/**
 * Registers the EventBus contract under `describe(name)`. The durability tests run only when
 * `createBus` returns `reopen`. Tests start the bus themselves; the suite stops it after each
 * test (stop must be harmless on a bus already stopped), then calls `cleanup()`.
 */
export function describeEventBusContract(name: string, createBus: EventBusFactory): void {
  describe(`EventBus contract: ${name}`, () => {
    let current: BusUnderTest | undefined;
    let active: EventBus | undefined;

    const harness: BusHarness = {
      bus() {
        if (!active) throw new Error('The bus is not created yet.');
        return active;
      },
      maxDeliveries: () => current?.maxDeliveries ?? 0,
      canReopen: () => current?.reopen !== undefined,
      async reopen() {
        if (!current?.reopen || !active) throw new Error('This adapter cannot reopen.');
        await active.stop();
        active = await current.reopen();
        return active;
      },
    };

    beforeEach(async () => {
      current = await createBus();
      active = current.bus;
    });

    afterEach(async () => {
      const under = current;
      const bus = active;
      current = undefined;
      active = undefined;
      if (!under) return;
      try {
        if (bus) await bus.stop();
      } finally {
        await under.cleanup();
      }
    });

    describeDeliveryContract(harness);
    describeOrderingContract(harness);
    describeDurabilityContract(harness);
    describeDeadLetterContract(harness);
  });
}
