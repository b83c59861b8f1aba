import { describeEventBusContract } from '../contracts/bus-contract.ts';
import { createMemoryEventBus } from './memory-event-bus.ts';

describeEventBusContract('memory', async () => ({
  bus: createMemoryEventBus({ maxDeliveries: 3 }),
  maxDeliveries: 3,
  cleanup: async () => {},
}));
