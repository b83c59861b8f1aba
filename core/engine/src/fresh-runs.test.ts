import { describe, expect, it, vi } from 'vitest';
import { harnessPerTest, orderEvent } from './testing/harness.ts';
import { acmeTicket } from './testing/acme-steps.ts';
import { eventKeyOf, eventMessageOf, runIdOf } from './messages.ts';

const harness = harnessPerTest();
const ticket = acmeTicket('Order {{trigger.data.object.id}}');

describe('fresh runs', () => {
  it('runs a new event’s run without reading the run first, and reads it when the event is routed again', async () => {
    const h = await harness();
    await h.publishWorkflow('wf', [ticket]);
    const reads = vi.spyOn(h.store.runs, 'get');
    await h.deliver(orderEvent('evt_1'));
    const run = await h.finishedRun('wf', 'evt_1');
    expect(run.status).toBe('succeeded');
    expect(h.control.calls).toHaveLength(1);
    expect(reads).not.toHaveBeenCalledWith(run.id);

    // The event routed once more (a redelivered `events` message, or the intake publishing a duplicate
    // still `received` again): the run request is no longer fresh, so the executor reads the run and
    // finds it done.
    const event = (await h.store.events.get(eventKeyOf('conn_1', 'evt_1')))!;
    await h.bus.publish('events', event.key, eventMessageOf(event));
    await vi.waitFor(() => expect(reads).toHaveBeenCalledWith(runIdOf('wf', event.key)), { timeout: 5000 });
    // A later event's run on the same lane comes after the repeated request.
    await h.deliver(orderEvent('evt_2'));
    await h.finishedRun('wf', 'evt_2');
    expect(h.control.calls).toHaveLength(2);
  });
});
