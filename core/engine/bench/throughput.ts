/**
 * Engine overhead benchmark: webhook deliveries through intake, router and executor over the
 * in-memory Store and EventBus (so it measures the engine, not a database), with a workflow of
 * a filter, a switch and one action. Prints a table. Run: `npx tsx bench/throughput.ts [events]`.
 */
import { createHarness, orderEvent } from '../src/testing/harness.ts';

const total = Number(process.argv[2] ?? 5000);
const h = await createHarness({ engine: { retry: { maxAttempts: 1 } } });
await h.publishWorkflow('wf-bench', [
  {
    id: 'paid-only',
    type: 'filter',
    when: { all: [{ left: '{{trigger.data.object.status}}', op: 'equals', right: 'paid' }] },
  },
  {
    id: 'by-currency',
    type: 'switch',
    on: '{{trigger.data.object.currency}}',
    cases: {
      usd: [
        {
          id: 'open-ticket',
          type: 'action',
          connector: 'acme',
          action: 'create-ticket',
          connection: 'conn_1',
          input: {
            customer: '{{trigger.data.object.customer}}',
            title: 'Order {{trigger.data.object.id}}',
            amount: '{{trigger.data.object.amount}}',
          },
        },
      ],
    },
  },
]);

const t0 = performance.now();
const batch = 100;
for (let i = 0; i < total; i += batch) {
  await Promise.all(
    Array.from({ length: Math.min(batch, total - i) }, (_, j) => h.deliver(orderEvent(`evt_${i + j}`))),
  );
}
const accepted = performance.now() - t0;
while (h.control.calls.length < total) await new Promise((r) => setTimeout(r, 5));
const done = performance.now() - t0;
await h.stop();

console.table([
  {
    phase: 'accepted (intake)',
    events: total,
    ms: Math.round(accepted),
    'events/s': Math.round(total / (accepted / 1000)),
  },
  {
    phase: 'runs finished (end to end)',
    events: total,
    ms: Math.round(done),
    'events/s': Math.round(total / (done / 1000)),
  },
]);
