/**
 * Child process for outbox-event-bus.crash.test.ts: publishes messages on `runs` as fast as
 * it can, printing `published <n>` once each publish resolved, handles them (appending `<n>`
 * to the done log), and hangs forever in the handler of key `stuck`, printing `in-flight`.
 * The test kills it with SIGKILL. Args: <database path> <done log path>.
 */
import { appendFileSync } from 'node:fs';
import { createOutboxEventBus } from '../outbox-event-bus.ts';

const [path, doneLog] = process.argv.slice(2);
const bus = createOutboxEventBus({ path });
let announced = false;

await bus.subscribe<{ n: number }>(
  'runs',
  async (message) => {
    if (message.key === 'stuck') {
      if (!announced) {
        announced = true;
        process.stdout.write('in-flight\n');
      }
      await new Promise(() => {});
    }
    appendFileSync(doneLog, `${message.value.n}\n`);
  },
  { concurrency: 4 },
);
await bus.start();

for (let n = 0; n < 1_000_000; n += 1) {
  const key = n >= 30 && n % 10 === 0 ? 'stuck' : `k${n % 7}`;
  await bus.publish('runs', key, { n });
  process.stdout.write(`published ${n}\n`);
  if (n % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
}
