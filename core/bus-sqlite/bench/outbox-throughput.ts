/**
 * Throughput of the embedded outbox bus: each event published on `events` is routed by its
 * handler into one `runs` message, as the engine does, so every event costs two bus messages.
 * Run: `npx tsx core/bus-sqlite/bench/outbox-throughput.ts [events=20000]`. Prints a table; not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxEventBus } from '../src/outbox-event-bus.ts';

async function scenario(
  name: string,
  events: number,
  publishRatePerSecond: number | null,
): Promise<Record<string, string | number>> {
  const dir = mkdtempSync(join(tmpdir(), 'wireup-outbox-bench-'));
  const bus = createOutboxEventBus({ path: join(dir, 'wireup.db') });
  let runsHandled = 0;
  const latencies: number[] = [];
  await bus.subscribe<{ n: number; at: number }>('events', async (m) => {
    await bus.publish('runs', `wf-${m.value.n % 20}`, m.value);
  });
  await bus.subscribe<{ n: number; at: number }>('runs', async (m) => {
    latencies.push(performance.now() - m.value.at);
    runsHandled += 1;
  });
  await bus.start();
  const started = performance.now();
  for (let n = 0; n < events; n += 1) {
    if (publishRatePerSecond !== null) {
      const due = started + (n * 1000) / publishRatePerSecond;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await bus.publish('events', `conn-${n % 50}:evt`, { n, at: performance.now() });
  }
  const published = performance.now();
  while (runsHandled < events) await new Promise((resolve) => setTimeout(resolve, 2));
  const finished = performance.now();
  await bus.stop();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const seconds = (finished - started) / 1000;
  return {
    scenario: name,
    events,
    'publish s': ((published - started) / 1000).toFixed(2),
    'total s': seconds.toFixed(2),
    'events/s': Math.round(events / seconds),
    'bus msgs/s': Math.round((2 * events) / seconds),
    'p50 ms': latencies[Math.floor(latencies.length * 0.5)].toFixed(1),
    'p99 ms': latencies[Math.floor(latencies.length * 0.99)].toFixed(1),
  };
}

const events = Number(process.argv[2] ?? 20_000);
const rows = [
  await scenario('as fast as possible', events, null),
  await scenario('steady 1000 events/s', Math.min(events, 10_000), 1000),
];
console.table(rows);
