import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventBusContract } from '@wireup/testing';
import { createOutboxEventBus } from './outbox-event-bus.ts';

describeEventBusContract('sqlite outbox', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wireup-outbox-'));
  const path = join(dir, 'wireup.db');
  const open = () => createOutboxEventBus({ path, redeliveryDelayMs: 10, maxRedeliveryDelayMs: 100 });
  return {
    bus: open(),
    reopen: async () => open(),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
