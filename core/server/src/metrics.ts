/**
 * Wireup's Prometheus metrics on prom-client, one registry per server. Every label value comes
 * from a bounded set: connector and action names only of installed connectors (anything else is
 * `unknown`), error codes and statuses capped per metric (see bounded-labels.ts), so requests
 * naming made-up connectors cannot grow the series. Node's default process metrics come along.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { workflowEventTypes, type ConnectorCatalog, type WorkflowEventType } from '@wireup/engine';
import { createBoundedLabel, httpMethodLabel } from './bounded-labels.ts';

export interface Metrics {
  /** A webhook delivery was answered: `result` is `accepted` or the refusal's error code. */
  webhookDelivery(connector: string, result: string): void;
  /** An event was stored (or recognised as a provider retry). */
  eventAccepted(connector: string, duplicate: boolean): void;
  runFinished(status: string, seconds: number): void;
  stepFinished(type: string, status: string): void;
  stepRetried(connector: string, action: string, code: string): void;
  /** A workflow lifecycle event (`workflow.published`, …) happened in this process. */
  workflowEvent(type: WorkflowEventType): void;
  /** One HTTP request answered; `route` is the matched route pattern, undefined when none matched. */
  httpRequest(method: string, route: string | undefined, status: number, seconds: number): void;
  /** The Prometheus text exposition. */
  text(): Promise<string>;
  /** Content type of `text()`. */
  readonly contentType: string;
}

export interface MetricsOptions {
  /** The installed connectors: the only connector and action names that become label values. */
  catalog: ConnectorCatalog;
}

/** Creates the registry with Wireup's series and Node's default metrics. */
export function createMetrics({ catalog }: MetricsOptions): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name, help, labelNames, registers: [registry] });

  const webhookDeliveries = counter(
    'wireup_webhook_deliveries_total',
    'Webhook deliveries by connector and result (accepted or the error code).',
    ['connector', 'result'],
  );
  const eventsAccepted = counter(
    'wireup_events_accepted_total',
    'Provider events accepted, by connector and whether a duplicate.',
    ['connector', 'duplicate'],
  );
  const runsFinished = counter('wireup_runs_finished_total', 'Runs finished, by status.', ['status']);
  const runDuration = new Histogram({
    name: 'wireup_run_duration_seconds',
    help: 'Run duration from creation to finish.',
    registers: [registry],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  });
  const stepsFinished = counter('wireup_steps_finished_total', 'Steps finished, by type and status.', [
    'type',
    'status',
  ]);
  const stepRetries = counter('wireup_step_retries_total', 'Action retries, by connector, action and error code.', [
    'connector',
    'action',
    'code',
  ]);
  const workflowEvents = counter(
    'wireup_workflow_events_total',
    'Workflow lifecycle events (published, unpublished, deleted) in this process.',
    ['event'],
  );
  const httpRequests = counter('wireup_http_requests_total', 'HTTP requests, by method, matched route and status.', [
    'method',
    'route',
    'status',
  ]);
  const httpDuration = new Histogram({
    name: 'wireup_http_request_duration_seconds',
    help: 'HTTP request duration, by method and matched route.',
    labelNames: ['method', 'route'],
    registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  });

  const connectorLabel = (name: string): string => (catalog.get(name) ? name : 'unknown');
  const actionLabel = (connector: string, action: string): string =>
    catalog.get(connector)?.actions.has(action) ? action : 'unknown';
  // Codes and statuses come from Wireup's own registries, but a connector may make up codes: capped all the same.
  const resultLabel = createBoundedLabel(64);
  const retryCodeLabel = createBoundedLabel(64);
  const runStatusLabel = createBoundedLabel(16);
  const stepTypeLabel = createBoundedLabel(16);
  const stepStatusLabel = createBoundedLabel(16);

  return {
    webhookDelivery: (connector, result) =>
      webhookDeliveries.inc({ connector: connectorLabel(connector), result: resultLabel(result) }),
    eventAccepted: (connector, duplicate) =>
      eventsAccepted.inc({ connector: connectorLabel(connector), duplicate: String(duplicate) }),
    runFinished(status, seconds) {
      runsFinished.inc({ status: runStatusLabel(status) });
      runDuration.observe(seconds);
    },
    stepFinished: (type, status) => stepsFinished.inc({ type: stepTypeLabel(type), status: stepStatusLabel(status) }),
    stepRetried: (connector, action, code) =>
      stepRetries.inc({
        connector: connectorLabel(connector),
        action: actionLabel(connector, action),
        code: retryCodeLabel(code),
      }),
    workflowEvent: (type) =>
      workflowEvents.inc({ event: workflowEventTypes.includes(type) ? type.replace(/^workflow\./, '') : 'other' }),
    httpRequest(method, route, status, seconds) {
      const labels = { method: httpMethodLabel(method), route: route ?? 'unmatched' };
      httpRequests.inc({ ...labels, status: status >= 100 && status <= 599 ? String(status) : 'other' });
      httpDuration.observe(labels, seconds);
    },
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
