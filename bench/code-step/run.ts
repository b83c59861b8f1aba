/**
 * Benchmark: what a code step costs.
 *
 *   npx tsx bench/code-step/run.ts [--events 2000] [--sequential 300] [--runs 3]
 *
 * (1) The sandbox alone: a trivial code step (`return { dollars: input.amount / 100 }`) run
 *     one after the other in the worker-thread QuickJS sandbox: median and p99 µs per run.
 * (2) The engine in-process (in-memory store and bus, the engine's test connector whose action
 *     does no I/O), two published workflows: filter → action, and filter → code → action.
 *     Sequential: one event at a time, webhook accepted → run finished; the median difference
 *     is what the code step adds to a run. Throughput: --events events delivered at once,
 *     runs finished per second.
 * Medians over --runs repetitions. It prints a table; it is a benchmark, not a test.
 */
import { cpus, loadavg } from 'node:os';
import { createMemoryEventBus, createMemoryStore } from '@wireup/testing';
import { createEngine, type Engine } from '@wireup/engine';
import { createCodeSandbox } from '../../core/engine/src/code-sandbox.ts';
import { defaultCodeLimits } from '../../core/engine/src/code-limits.ts';
import { createTestConnector, sign, SIGNATURE_HEADER } from '../../core/engine/src/testing/test-connector.ts';

const args = new Map(
  process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : ['', ''])),
);
const events = Number(args.get('events') ?? 2000);
const sequential = Number(args.get('sequential') ?? 300);
const repetitions = Number(args.get('runs') ?? 3);
const CODE = 'return { dollars: input.amount / 100 }';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const p99 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.99))];
};

async function sandboxAlone(): Promise<{ median: number; p99: number }> {
  const sandbox = createCodeSandbox({ workers: 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < 50 + sequential; i++) {
      const t0 = performance.now();
      const outcome = await sandbox.run({ code: CODE, input: { amount: 4200 + i }, limits: defaultCodeLimits });
      if (!outcome.ok) throw new Error(outcome.message);
      if (i >= 50) times.push((performance.now() - t0) * 1000);
    }
  } finally {
    await sandbox.stop();
  }
  return { median: median(times), p99: p99(times) };
}

const filter = {
  id: 'paid-only',
  type: 'filter',
  when: { all: [{ left: '{{trigger.data.object.status}}', op: 'equals', right: 'paid' }] },
};
const code = { id: 'calc', type: 'code', input: { amount: '{{trigger.data.object.amount}}' }, code: CODE };
const ticket = (title: string) => ({
  id: 'open-ticket',
  type: 'action',
  connector: 'acme',
  action: 'create-ticket',
  connection: 'conn_1',
  input: { customer: '{{trigger.data.object.customer}}', title },
});
const workflows = {
  'filter → action': [filter, ticket('Order {{trigger.data.object.id}}')],
  'filter → code → action': [filter, code, ticket('Order of {{steps.calc.output.dollars}} dollars')],
};

interface Rig {
  engine: Engine;
  deliver(id: string): Promise<void>;
  finished(): number;
  waitFor(count: number): Promise<void>;
  stop(): Promise<void>;
}

async function rig(steps: unknown[]): Promise<Rig> {
  const store = createMemoryStore();
  const bus = createMemoryEventBus();
  const { connector } = createTestConnector();
  const now = new Date().toISOString();
  await store.connections.create({
    id: 'conn_1',
    connector: 'acme',
    name: 'Acme',
    authCiphertext: JSON.stringify({ apiKey: 'k', webhookSecret: 'whsec' }),
    publicAuth: {},
    webhookToken: 'tok',
    createdAt: now,
    updatedAt: now,
  });
  let finished = 0;
  let waiter: { count: number; resolve(): void } | undefined;
  const engine = createEngine({
    store,
    bus,
    connectors: { get: (n) => (n === 'acme' ? connector : undefined), list: () => [connector] },
    openAuth: (c) => JSON.parse(c.authCiphertext),
    http: {
      request: async () => {
        throw new Error('no HTTP in this benchmark');
      },
    },
    observer: {
      runFinished: (status) => {
        if (status !== 'succeeded') throw new Error(`run ${status}`);
        finished += 1;
        if (waiter && finished >= waiter.count) waiter.resolve();
      },
    },
  });
  await store.workflows.create('wf', {
    name: 'bench',
    trigger: { connector: 'acme', trigger: 'order-paid', connection: 'conn_1' },
    steps,
  } as never);
  const problems = engine.validateWorkflow((await store.workflows.get('wf'))!.draft);
  if (problems.length) throw new Error(JSON.stringify(problems));
  await store.workflows.publish('wf');
  await bus.start();
  await engine.startWorkers();
  return {
    engine,
    async deliver(id) {
      const raw = JSON.stringify({
        id,
        type: 'order.paid',
        data: { object: { id: `ord_${id}`, customer: 'cus_1', amount: 4250, status: 'paid' } },
      });
      await engine.acceptWebhook({
        connector: 'acme',
        token: 'tok',
        rawBody: Buffer.from(raw),
        headers: { [SIGNATURE_HEADER]: sign(raw, 'whsec') },
      });
    },
    finished: () => finished,
    waitFor: (count) =>
      finished >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiter = { count, resolve };
          }),
    async stop() {
      await engine.stop();
      await bus.stop();
    },
  };
}

async function measure(steps: unknown[]): Promise<{ perRunUs: number; runsPerSecond: number }> {
  const r = await rig(steps);
  try {
    const times: number[] = [];
    for (let i = 0; i < 30 + sequential; i++) {
      const t0 = performance.now();
      await r.deliver(`seq_${i}`);
      await r.waitFor(i + 1);
      if (i >= 30) times.push((performance.now() - t0) * 1000);
    }
    const base = r.finished();
    const t0 = performance.now();
    await Promise.all(Array.from({ length: events }, (_, i) => r.deliver(`burst_${i}`)));
    await r.waitFor(base + events);
    return { perRunUs: median(times), runsPerSecond: events / ((performance.now() - t0) / 1000) };
  } finally {
    await r.stop();
  }
}

const sandbox: Array<{ median: number; p99: number }> = [];
const results = new Map<string, Array<{ perRunUs: number; runsPerSecond: number }>>();
for (let rep = 0; rep < repetitions; rep++) {
  sandbox.push(await sandboxAlone());
  for (const [name, steps] of Object.entries(workflows)) {
    const list = results.get(name) ?? [];
    list.push(await measure(steps));
    results.set(name, list);
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(
  `\nCode step benchmark — ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, median of ${repetitions}`,
);
console.log(
  `sandbox alone: trivial code step ${fmt(median(sandbox.map((s) => s.median)))} µs median, ${fmt(median(sandbox.map((s) => s.p99)))} µs p99 (${sequential} runs one after the other)`,
);
console.log(
  '| workflow | one run at a time, median µs (accepted → finished) | runs/s (%d at once) |'.replace(
    '%d',
    String(events),
  ),
);
console.log('|---|---|---|');
const rows = [...results].map(([name, list]) => ({
  name,
  perRun: median(list.map((x) => x.perRunUs)),
  rps: median(list.map((x) => x.runsPerSecond)),
}));
for (const row of rows) console.log(`| ${row.name} | ${fmt(row.perRun)} | ${fmt(row.rps)} |`);
console.log(
  `code step adds ${fmt(rows[1].perRun - rows[0].perRun)} µs per run (median difference); throughput ${((rows[1].rps / rows[0].rps) * 100).toFixed(0)} % of filter → action`,
);
process.exit(0);
