/**
 * Benchmark: webhook in → action done (the Kustomer call), end to end over real HTTP.
 *
 *   npx tsx bench/webhook-to-action/run.ts [--backends embedded,kafka] [--events 5000] [--runs 3] [--drain-seconds 300]
 *     [--embedded-rates 500] [--kafka-rates 200] [--workflow headline|recipe] [--count-commands on|off]
 *
 * `--workflow headline` (the default) is the headline workflow of the targets: Stripe
 * charge.failed → a filter (failure_code is card_declined) → one action, Kustomer
 * create-conversation on an existing customer. `--workflow recipe` is the Kustomer recipe after
 * the same filter: find or create the Kustomer customer, then the conversation (two actions).
 * On the kafka backend Wireup reaches MongoDB through a loopback proxy that counts the commands
 * by name (mongo-command-counter.ts): the "DB commands/event" column, and the breakdown printed
 * under the table (`--count-commands off` connects directly). `BENCH_WIREUP_ROOT=<checkout>`
 * runs another checkout's Wireup under the same load (before/after comparisons).
 *
 * A backend that has not finished the actions --drain-seconds after the last event is reported
 * on the actions that did arrive (the "actions done" column says how many).
 *
 * For each backend it starts Wireup as its own process (so its peak memory is its own), a fake
 * Kustomer and the load generator in this process, publishes the workflow (see --workflow), then:
 * (1) sends events as fast as it can (64 in flight) and reports completed actions per second;
 * (2) sends at each fixed rate (500/s embedded, 200/s Kafka: the rates of the targets) and
 * reports webhook→action latency p50/p99. Peak memory is the Wireup process's VmHWM. "Wireup CPU
 * ms/event" is the CPU time (user + system) Wireup used per event in that phase: steadier than
 * events/s when other work shares the machine. "Services CPU ms/event" is the same for Kafka and
 * the MongoDB-wire server together (FerretDB; on PostgreSQL with its backends), when tools/services
 * started them (their pid files, in BENCH_SERVICES_RUN or this checkout's .cache/services/run).
 * BENCH_MONGODB_ADDRESS picks the MongoDB-wire server (default 127.0.0.1:27017; 127.0.0.1:27018 is
 * FerretDB on PostgreSQL, `services.sh up postgresql ferretdb-pg`).
 * The kafka backend needs `bash tools/services/services.sh up` (Kafka + FerretDB).
 * It prints a table; it is a benchmark, not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import Stripe from 'stripe';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { recipeWorkflow } from '@wireup/engine';
import kustomerConnector from '@wireup/connector-kustomer';
import { startCommandCounter, type CommandCounter } from './mongo-command-counter.ts';
import { removeLeftovers, type Leftovers } from './leftovers.ts';

const root = resolve(import.meta.dirname, '..', '..');
/** The checkout whose Wireup is measured (this one unless BENCH_WIREUP_ROOT names another). */
const wireupRoot = resolve(process.env.BENCH_WIREUP_ROOT ?? root);
const token = 'bench-token';
const secret = 'whsec_bench';
const args = new Map(
  process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : ['', ''])),
);
const backends = (args.get('backends') ?? 'embedded,kafka').split(',');
const events = Number(args.get('events') ?? 5000);
const runs = Number(args.get('runs') ?? 3);
/** How long to wait for the actions after the last event was sent. */
const drainSeconds = Number(args.get('drain-seconds') ?? 300);
const rates = (backend: string): number[] =>
  (args.get(`${backend}-rates`) ?? (backend === 'kafka' ? '200' : '500'))
    .split(',')
    .map(Number)
    .filter((r) => r > 0);
const workflow = args.get('workflow') ?? 'headline';
if (workflow !== 'headline' && workflow !== 'recipe')
  throw new Error(`--workflow is headline or recipe, not ${workflow}`);
const countCommands = (args.get('count-commands') ?? 'on') !== 'off';
const mongoTarget = process.env.BENCH_MONGODB_ADDRESS ?? '127.0.0.1:27017';

interface Result {
  backend: string;
  mode: string;
  events: number;
  arrived: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  peakMb: number;
  cpuMs: number;
  servicesCpuMs: number | null;
  commands: number | null;
}

async function startWireup(
  backend: string,
  dataDir: string,
  counter: CommandCounter | undefined,
): Promise<{ child: ChildProcess; url: string; output: () => string; leftovers?: Leftovers }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WIREUP_DATA_DIR: dataDir,
    WIREUP_API_TOKEN: token,
    WIREUP_EGRESS_ALLOW_PRIVATE: 'true',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  let leftovers: Leftovers | undefined;
  if (backend === 'kafka') {
    env.KAFKA_BROKERS ??= '127.0.0.1:9092';
    const dbName = `bench_${Date.now()}`;
    env.MONGODB_URL = counter ? counter.url(dbName) : (process.env.MONGODB_URL ?? `mongodb://${mongoTarget}/${dbName}`);
    env.WIREUP_KAFKA_TOPIC_PREFIX = `bench-${Date.now()}-`;
    leftovers = {
      brokers: env.KAFKA_BROKERS.split(','),
      topicPrefix: env.WIREUP_KAFKA_TOPIC_PREFIX,
      mongoAddress: mongoTarget,
      database: dbName,
    };
  }
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // BENCH_NODE_FLAGS: more flags for Wireup's node (e.g. --perf-basic-prof, to read `perf record` by function).
  profile.push(...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean));
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', join(wireupRoot, 'core/server/src/cli/wireup.ts'), 'start'],
    { cwd: wireupRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  // BENCH_WIREUP_LOG=<file>: Wireup's own output, to see why it answered as it did.
  if (process.env.BENCH_WIREUP_LOG) {
    const log = createWriteStream(process.env.BENCH_WIREUP_LOG, { flags: 'a' });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Wireup did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Wireup exited ${code}:\n${out}`));
    });
  });
  return { child, url, output: () => out.slice(-4000), ...(leftovers ? { leftovers } : {}) };
}

async function api(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A customer in the fake Kustomer for the headline workflow's conversations (a Kustomer id, as Kustomer requires). */
async function seedCustomer(kustomer: FakeKustomer): Promise<string> {
  const res = await fetch(`${kustomer.url}/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${kustomer.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench customer' }),
  });
  if (res.status !== 201) throw new Error(`the fake Kustomer refused the customer: ${res.status}`);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

async function publishWorkflow(url: string, kustomer: FakeKustomer): Promise<string> {
  const stripe = await api(url, 'POST', '/v1/connections', {
    connector: 'stripe',
    name: 'Stripe',
    auth: { secretKey: 'sk_test_bench', webhookSecret: secret },
    test: false,
  });
  const kc = await api(url, 'POST', '/v1/connections', {
    connector: 'kustomer',
    name: 'Kustomer',
    auth: { apiKey: 'kustomer-test-key', baseUrl: kustomer.url },
  });
  const filter = {
    id: 'declines',
    type: 'filter',
    when: { all: [{ left: '{{trigger.data.object.failure_code}}', op: 'equals', right: 'card_declined' }] },
  };
  let body: unknown;
  if (workflow === 'headline') {
    // The headline workflow: filter → one action.
    const customer = await seedCustomer(kustomer);
    body = {
      name: 'bench',
      trigger: { connector: 'stripe', trigger: 'charge-failed', connection: stripe.id },
      steps: [
        filter,
        {
          id: 'open',
          type: 'action',
          connector: 'kustomer',
          action: 'create-conversation',
          connection: kc.id,
          input: { customer, name: 'Payment failed: {{trigger.data.object.id}}' },
        },
      ],
    };
  } else {
    // The Kustomer recipe: find or create the Kustomer customer, then the conversation on it.
    const recipe = recipeWorkflow(
      kustomerConnector.manifest.recipes!.find((r) => r.key === 'stripe-charge-failed-conversation')!,
      { stripe: stripe.id, kustomer: kc.id },
    );
    body = { name: 'bench', trigger: recipe.trigger, steps: [filter, ...recipe.steps] };
  }
  const wf = await api(url, 'POST', '/v1/workflows', body);
  return (await api(url, 'POST', `/v1/workflows/${wf.id}/publish`)).webhookUrl;
}

function signedEvents(count: number, tag: string): Array<{ id: string; body: string; signature: string }> {
  return Array.from({ length: count }, (_, i) => {
    const chargeId = `ch_${tag}_${i}`;
    const body = JSON.stringify({
      id: `evt_${tag}_${i}`,
      object: 'event',
      type: 'charge.failed',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: chargeId,
          object: 'charge',
          amount: 1000,
          currency: 'usd',
          customer: `cus_${i}`,
          failure_code: 'card_declined',
          status: 'failed',
        },
      },
    });
    return { id: chargeId, body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** CPU time (user + system) the process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

// The load generator's own HTTP client: plain node:http over kept-alive sockets costs this
// process (which shares the machine's cores with Wireup) far less CPU per request than fetch.
// Idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them under a request.
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
function postWebhook(url: URL, body: string, signature: string, retried = false): Promise<void> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'stripe-signature': signature,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? ok()
            : fail(new Error(`webhook answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`)),
        );
        res.on('error', fail);
      },
    );
    // A kept-alive socket the server closed meanwhile (between phases): sent again once, as a provider would.
    req.on('error', (error: NodeJS.ErrnoException) =>
      req.reusedSocket && !retried && error.code === 'ECONNRESET'
        ? postWebhook(url, body, signature, true).then(ok, fail)
        : fail(error),
    );
    req.end(body);
  });
}

/** The folders holding the services' pid files: BENCH_SERVICES_RUN (comma-separated), else this checkout's. */
const servicesRun = (process.env.BENCH_SERVICES_RUN ?? join(root, '.cache/services/run')).split(',');
/** The services behind the kafka backend: Kafka and the MongoDB-wire server (FerretDB on PostgreSQL on 27018). */
const serviceNames = mongoTarget.endsWith(':27018') ? ['kafka', 'ferretdb-pg', 'postgresql'] : ['kafka', 'ferretdb'];

/** CPU ms of a process and of its children (PostgreSQL's backends). */
function treeCpuMs(pid: number): number {
  let total = cpuMs(pid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      if (Number(fields[1]) === pid) total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      /* gone meanwhile */
    }
  }
  return total;
}

/** CPU ms used so far by the services tools/services started (Kafka, FerretDB, PostgreSQL); null when it started none. */
function servicesCpuMs(): number | null {
  const pids = serviceNames
    .flatMap((name) =>
      servicesRun.flatMap((dir) => {
        try {
          return [Number(readFileSync(join(dir, `${name}.pid`), 'utf8').trim())];
        } catch {
          return [];
        }
      }),
    )
    .filter((pid) => existsSync(`/proc/${pid}`));
  return pids.length ? pids.reduce((sum, pid) => sum + treeCpuMs(pid), 0) : null;
}

function peakMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Sends the events (at `rate`/s, or as fast as 64 in flight allow when 0) and waits for every action. */
async function load(
  webhookUrl: string,
  kustomer: FakeKustomer,
  batch: ReturnType<typeof signedEvents>,
  rate: number,
  pid: number,
  counter: CommandCounter | undefined,
) {
  const url = new URL(webhookUrl);
  counter?.reset();
  const cpuBefore = cpuMs(pid);
  const servicesBefore = servicesCpuMs();
  const sentAt = new Map<string, number>();
  const start = performance.now();
  const startEpoch = Date.now();
  let next = 0;
  const inflight = new Set<Promise<void>>();
  while (next < batch.length) {
    if (rate > 0) {
      const due = start + (next * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    }
    while (inflight.size >= 64) await Promise.race(inflight);
    const e = batch[next++];
    sentAt.set(e.id, startEpoch + (performance.now() - start));
    const p = postWebhook(url, e.body, e.signature).finally(() => inflight.delete(p));
    inflight.add(p);
  }
  await Promise.all(inflight);
  const names = new Map<string, number>();
  const deadline = Date.now() + drainSeconds * 1000;
  for (;;) {
    for (const r of kustomer.requests) {
      if (r.method !== 'POST' || r.path !== '/v1/conversations') continue;
      const id = /Payment failed: (\S+)/.exec((r.body as { name?: string })?.name ?? '')?.[1];
      if (id && sentAt.has(id) && !names.has(id)) names.set(id, r.receivedAt);
    }
    if (names.size >= batch.length || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpu = cpuMs(pid) - cpuBefore;
  const commands = counter ? counter.total() / batch.length : null;
  if (counter)
    breakdowns.push(
      `${rate ? `${rate}/s` : 'max'}: ${[...counter.counts()]
        .sort((a, b) => b[1] - a[1])
        .map(([name, n]) => `${name} ${(n / batch.length).toFixed(2)}`)
        .join(', ')}`,
    );
  const servicesAfter = servicesCpuMs();
  const servicesCpu =
    servicesBefore === null || servicesAfter === null ? null : (servicesAfter - servicesBefore) / batch.length;
  // A backend too slow to finish within the drain time is reported on what arrived, not dropped.
  if (names.size === 0) throw new Error(`no action arrived within ${drainSeconds} s`);
  const latencies = [...names].map(([id, at]) => at - sentAt.get(id)!).sort((a, b) => a - b);
  const seconds = (Math.max(...names.values()) - startEpoch) / 1000;
  return {
    arrived: names.size,
    seconds,
    perSecond: names.size / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMs: cpu / batch.length,
    servicesCpuMs: servicesCpu,
    commands,
  };
}

/** Per phase: the commands by name per event (kafka backend). */
const breakdowns: string[] = [];

async function benchBackend(backend: string, run: number): Promise<Result[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wireup-bench-'));
  const kustomer = await createFakeKustomer({ apiKey: 'kustomer-test-key' });
  const counter = backend === 'kafka' && countCommands ? await startCommandCounter(mongoTarget) : undefined;
  const { child, url, output, leftovers } = await startWireup(backend, dataDir, counter);
  // The recipe creates its customers: forget them between phases. The headline's one customer stays.
  const clear = (): void => {
    if (workflow === 'recipe') kustomer.reset();
    else kustomer.requests.length = 0;
  };
  try {
    const webhookUrl = await publishWorkflow(url, kustomer);
    await load(webhookUrl, kustomer, signedEvents(200, `warm${run}`), 0, child.pid!, counter);
    clear();
    breakdowns.length = 0;
    const max = await load(webhookUrl, kustomer, signedEvents(events, `max${run}`), 0, child.pid!, counter);
    clear();
    const paced: Array<{ rate: number; result: Awaited<ReturnType<typeof load>> }> = [];
    for (const rate of rates(backend)) {
      paced.push({
        rate,
        result: await load(
          webhookUrl,
          kustomer,
          signedEvents(Math.min(events, rate * 10), `rate${rate}-${run}`),
          rate,
          child.pid!,
          counter,
        ),
      });
      clear();
    }
    const peak = peakMb(child.pid!);
    return [
      { backend, mode: 'max', events, ...max, peakMb: peak },
      ...paced.map(({ rate, result }) => ({
        backend,
        mode: `${rate}/s`,
        events: Math.min(events, rate * 10),
        ...result,
        peakMb: peak,
      })),
    ];
  } catch (error) {
    // What Wireup said last, and whether it is still running, to tell its failure from the load generator's.
    console.error(
      `Wireup (pid ${child.pid}, ${child.exitCode === null ? 'running' : `exited ${child.exitCode}`}) last said:\n${output()}`,
    );
    throw error;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await kustomer.close();
    await counter?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (leftovers) await removeLeftovers(leftovers);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const all: Result[] = [];
for (const backend of backends) for (let run = 0; run < runs; run++) all.push(...(await benchBackend(backend, run)));

console.log(
  `\nwebhook → action (${workflow} workflow), median of ${runs} run(s); ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}; load generator and fake Kustomer in one process, Wireup in another; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
console.log(
  '| backend | load | events sent | actions done (min) | events/s | p50 ms | p99 ms | peak RSS MB | Wireup CPU ms/event | services CPU ms/event | DB commands/event |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const key of [...new Set(all.map((r) => `${r.backend}|${r.mode}`))]) {
  const rows = all.filter((r) => `${r.backend}|${r.mode}` === key);
  console.log(
    `| ${rows[0].backend} | ${rows[0].mode} | ${rows[0].events} | ${Math.min(...rows.map((r) => r.arrived))} | ${median(rows.map((r) => r.perSecond)).toFixed(0)} | ${median(rows.map((r) => r.p50)).toFixed(1)} | ${median(rows.map((r) => r.p99)).toFixed(1)} | ${Math.max(...rows.map((r) => r.peakMb)).toFixed(0)} | ${median(rows.map((r) => r.cpuMs)).toFixed(2)} | ${rows[0].servicesCpuMs === null || rows[0].backend !== 'kafka' ? '—' : median(rows.map((r) => r.servicesCpuMs!)).toFixed(2)} | ${rows[0].commands === null ? '—' : median(rows.map((r) => r.commands!)).toFixed(2)} |`,
  );
}
if (breakdowns.length)
  console.log(
    `\nMongoDB commands per event by name, last run (driver housekeeping left out):\n${breakdowns.map((b) => `- ${b}`).join('\n')}`,
  );
process.exit(0);
