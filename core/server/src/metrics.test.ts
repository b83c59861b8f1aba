import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';
import { createCatalog, firstPartyConnectors } from './installed-connectors.ts';

const metrics = () => createMetrics({ catalog: createCatalog(firstPartyConnectors()) });
const linesOf = (text: string, name: string) =>
  text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));

describe('metrics', () => {
  it('counts one series per label set', async () => {
    const m = metrics();
    m.stepFinished('action', 'succeeded');
    m.stepFinished('action', 'succeeded');
    m.stepFinished('filter', 'succeeded');
    expect(linesOf(await m.text(), 'wireup_steps_finished_total')).toEqual([
      'wireup_steps_finished_total{type="action",status="succeeded"} 2',
      'wireup_steps_finished_total{type="filter",status="succeeded"} 1',
    ]);
  });

  it('counts workflow lifecycle events by their short name; a type it does not know is other', async () => {
    const m = metrics();
    m.workflowEvent('workflow.published');
    m.workflowEvent('workflow.published');
    m.workflowEvent('workflow.deleted');
    m.workflowEvent('workflow.renamed' as never);
    expect(linesOf(await m.text(), 'wireup_workflow_events_total')).toEqual([
      'wireup_workflow_events_total{event="published"} 2',
      'wireup_workflow_events_total{event="deleted"} 1',
      'wireup_workflow_events_total{event="other"} 1',
    ]);
  });

  it('names only installed connectors and their actions; anything else is unknown', async () => {
    const m = metrics();
    m.webhookDelivery('stripe', 'accepted');
    for (let i = 0; i < 50; i += 1) m.webhookDelivery(`zz${i}probe`, 'UNKNOWN_WEBHOOK');
    m.stepRetried('kustomer', 'create-conversation', 'UPSTREAM_ERROR');
    m.stepRetried('kustomer', 'made-up', 'UPSTREAM_ERROR');
    m.eventAccepted('nope', false);
    const text = await m.text();
    expect(linesOf(text, 'wireup_webhook_deliveries_total')).toEqual([
      'wireup_webhook_deliveries_total{connector="stripe",result="accepted"} 1',
      'wireup_webhook_deliveries_total{connector="unknown",result="UNKNOWN_WEBHOOK"} 50',
    ]);
    expect(linesOf(text, 'wireup_step_retries_total')).toEqual([
      'wireup_step_retries_total{connector="kustomer",action="create-conversation",code="UPSTREAM_ERROR"} 1',
      'wireup_step_retries_total{connector="kustomer",action="unknown",code="UPSTREAM_ERROR"} 1',
    ]);
    expect(text).toContain('wireup_events_accepted_total{connector="unknown",duplicate="false"} 1');
  });

  it('observes run durations in a histogram', async () => {
    const m = metrics();
    m.runFinished('succeeded', 0.25);
    m.runFinished('succeeded', 0.5);
    const text = await m.text();
    expect(text).toContain('wireup_runs_finished_total{status="succeeded"} 2');
    expect(text).toContain('wireup_run_duration_seconds_count 2\n');
    expect(text).toContain('wireup_run_duration_seconds_sum 0.75\n');
    expect(text).toContain('wireup_run_duration_seconds_bucket{le="0.5"} 2\n');
  });

  it('labels requests by matched route, unmatched ones as unmatched', async () => {
    const m = metrics();
    m.httpRequest('GET', '/v1/runs/:id', 200, 0.002);
    m.httpRequest('PROPFIND', undefined, 404, 0.001);
    const text = await m.text();
    expect(text).toContain('wireup_http_requests_total{method="GET",route="/v1/runs/:id",status="200"} 1');
    expect(text).toContain('wireup_http_requests_total{method="other",route="unmatched",status="404"} 1');
  });

  it('includes Node default process metrics', async () => {
    const text = await metrics().text();
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});
