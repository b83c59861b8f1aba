import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';

describe('metrics', () => {
  it('counts one series per label set, whatever order the labels are given in', () => {
    const metrics = createMetrics();
    metrics.inc('wireup_steps_finished_total', { type: 'action', status: 'succeeded' });
    metrics.inc('wireup_steps_finished_total', { status: 'succeeded', type: 'action' }, 2);
    metrics.inc('wireup_steps_finished_total', { type: 'filter', status: 'succeeded' });
    const lines = metrics.text().split('\n').filter((l) => l.startsWith('wireup_steps_finished_total'));
    expect(lines).toEqual([
      'wireup_steps_finished_total{type="action",status="succeeded"} 3',
      'wireup_steps_finished_total{type="filter",status="succeeded"} 1',
    ]);
  });

  it('keeps the labels it was first given, even if the caller changes its object afterwards', () => {
    const metrics = createMetrics();
    const labels = { status: 'succeeded' };
    metrics.inc('wireup_runs_finished_total', labels);
    labels.status = 'failed';
    metrics.inc('wireup_runs_finished_total', labels);
    expect(metrics.text()).toContain('wireup_runs_finished_total{status="succeeded"} 1\n');
    expect(metrics.text()).toContain('wireup_runs_finished_total{status="failed"} 1\n');
  });

  it('sums observations of a summary', () => {
    const metrics = createMetrics();
    metrics.observe('wireup_run_duration_seconds', 0.25);
    metrics.observe('wireup_run_duration_seconds', 0.5);
    expect(metrics.text()).toContain('wireup_run_duration_seconds_count 2\nwireup_run_duration_seconds_sum 0.75\n');
  });
});
