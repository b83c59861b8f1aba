import { describeEventBusContract } from '../contracts/bus-contract.ts';
import { createMemoryEventBus } from './memory-event-bus.ts';

describeEventBusContract('memory', async () => ({ bus: createMemoryEventBus(), cleanup: async () => {} }));
