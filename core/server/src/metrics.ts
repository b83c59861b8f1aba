/**
 * A small Prometheus text-format registry: counters and summaries with labels, plus process
 * gauges. Enough for /metrics without a dependency.
 */
type Labels = Record<string, string>;

interface Sample { labels: Labels; value: number; sum?: number }

interface Series {
  help: string;
  type: 'counter' | 'summary' | 'gauge';
  /** By canonical key (labels sorted by name): one sample per label set. */
  values: Map<string, Sample>;
  /** By the labels as given (names in the caller's order): the same samples, found without sorting. */
  fast: Map<string, Sample>;
}

/** The label set's key in the caller's order of names: cheap, and the same for every call site of a metric. */
const fastKeyOf = (labels: Labels): string => {
  let key = '';
  for (const name in labels) key += `${name}\u0000${labels[name]}\u0001`;
  return key;
};
const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());
const render = (labels: Labels) => {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

export interface Metrics {
  inc(name: string, labels?: Labels, by?: number): void;
  observe(name: string, seconds: number, labels?: Labels): void;
  text(): string;
}

/** Creates the registry with Wireup's series declared. */
export function createMetrics(): Metrics {
  const series = new Map<string, Series>();
  const declare = (name: string, type: Series['type'], help: string) => series.set(name, { help, type, values: new Map(), fast: new Map() });
  declare('wireup_webhook_deliveries_total', 'counter', 'Webhook deliveries by connector and result.');
  declare('wireup_events_accepted_total', 'counter', 'Provider events accepted, by connector and whether a duplicate.');
  declare('wireup_runs_finished_total', 'counter', 'Runs finished, by status.');
  declare('wireup_run_duration_seconds', 'summary', 'Run duration from start to finish.');
  declare('wireup_steps_finished_total', 'counter', 'Steps finished, by type and status.');
  declare('wireup_step_retries_total', 'counter', 'Action retries, by connector, action and error code.');
  declare('wireup_http_requests_total', 'counter', 'HTTP requests, by method, route and status.');
  const get = (name: string) => {
    const s = series.get(name);
    if (!s) throw new Error(`metric ${name} is not declared`);
    return s;
  };
  /** The sample of this label set, created at zero on first use. */
  const sample = (s: Series, labels: Labels, summary: boolean): Sample => {
    const fast = fastKeyOf(labels);
    let v = s.fast.get(fast);
    if (!v) {
      const k = keyOf(labels);
      v = s.values.get(k);
      if (!v) {
        v = summary ? { labels: { ...labels }, value: 0, sum: 0 } : { labels: { ...labels }, value: 0 };
        s.values.set(k, v);
      }
      s.fast.set(fast, v);
    }
    return v;
  };
  return {
    inc(name, labels = {}, by = 1) {
      sample(get(name), labels, false).value += by;
    },
    observe(name, seconds, labels = {}) {
      const v = sample(get(name), labels, true);
      v.value += 1;
      v.sum = (v.sum ?? 0) + seconds;
    },
    text() {
      const lines: string[] = [];
      for (const [name, s] of series) {
        lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${s.type}`);
        for (const v of s.values.values()) {
          if (s.type === 'summary') lines.push(`${name}_count${render(v.labels)} ${v.value}`, `${name}_sum${render(v.labels)} ${v.sum ?? 0}`);
          else lines.push(`${name}${render(v.labels)} ${v.value}`);
        }
      }
      const mem = process.memoryUsage();
      lines.push('# HELP process_resident_memory_bytes Resident memory size in bytes.', '# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`);
      lines.push('# HELP nodejs_heap_used_bytes V8 heap in use.', '# TYPE nodejs_heap_used_bytes gauge', `nodejs_heap_used_bytes ${mem.heapUsed}`);
      lines.push('# HELP process_uptime_seconds Seconds since the process started.', '# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${process.uptime()}`);
      return `${lines.join('\n')}\n`;
    },
  };
}
