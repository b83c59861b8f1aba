import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, orderEvent, type Harness } from './testing/harness.ts';
import { runKeyOf } from './messages.ts';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

/** Acme's create-ticket with this title. */
const ticket = (title: string) => ({
  id: 'open',
  type: 'action',
  connector: 'acme',
  action: 'create-ticket',
  connection: 'conn_1',
  input: { customer: 'c', title },
});

/**
 * Holds every create-ticket call (except those titled `passThrough`) until `release()`, counting
 * the most held at once.
 */
function gateActions(harness: Harness, passThrough?: string): { peak(): number; release(): void } {
  let running = 0;
  let peak = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  harness.control.behaviour = async (_action, ctx) => {
    if (passThrough !== undefined && (ctx.input as { title?: string }).title === passThrough) return { id: 'passed' };
    running++;
    peak = Math.max(peak, running);
    await gate;
    running--;
    return { id: 'ok' };
  };
  return { peak: () => peak, release };
}

/** Publishes one workflow, delivers `count` events whose action waits until released, and reports the most actions running at once. */
async function peakConcurrency(runLanes: number, count: number): Promise<number> {
  h = await createHarness({ engine: { runLanes } });
  const gate = gateActions(h);
  await h.publishWorkflow('wf', [ticket('t')]);
  for (let i = 0; i < count; i++) await h.deliver(orderEvent(`evt_${i}`));
  await new Promise((r) => setTimeout(r, 300));
  const seen = gate.peak();
  gate.release();
  for (let i = 0; i < count; i++) expect((await h.finishedRun('wf', `evt_${i}`)).status).toBe('succeeded');
  return seen;
}

describe('run lanes', () => {
  it('one lane: a workflow runs one run at a time', async () => {
    expect(await peakConcurrency(1, 6)).toBe(1);
  });

  it('several lanes: one busy workflow runs several runs at once, bounded by the lanes', async () => {
    const peak = await peakConcurrency(4, 24);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(4);
  });

  it('by default a burst on one workflow takes at most half the run slots, and another workflow still runs meanwhile', async () => {
    h = await createHarness();
    const gate = gateActions(h, 'other');
    await h.publishWorkflow('busy', [ticket('busy')]);
    await h.publishWorkflow('other', [ticket('other')], 'order-failed');
    for (let i = 0; i < 200; i++) await h.deliver(orderEvent(`evt_${i}`));
    await h.deliver(orderEvent('evt_other', {}, 'order.failed'));
    expect((await h.finishedRun('other', 'evt_other')).status).toBe('succeeded');
    // Every one of the busy workflow's 16 lanes was running, and the 32 slots left room for the other.
    expect(gate.peak()).toBe(16);
    gate.release();
    for (let i = 0; i < 200; i++) expect((await h.finishedRun('busy', `evt_${i}`)).status).toBe('succeeded');
  });

  it('a run always maps to the same key; one lane is the workflow id itself', () => {
    expect(runKeyOf('wf_1', 'run_a', 1)).toBe('wf_1');
    expect(runKeyOf('wf_1', 'run_a', 8)).toBe(runKeyOf('wf_1', 'run_a', 8));
    const lanes = new Set(Array.from({ length: 200 }, (_, i) => runKeyOf('wf_1', `run_${i}`, 8)));
    expect(lanes.size).toBe(8);
    for (const key of lanes) expect(key).toMatch(/^wf_1#[0-7]$/);
  });
});
