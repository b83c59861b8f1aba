/**
 * Benchmark: how the editor's canvas copes with a large workflow.
 *
 *   npx tsx bench/editor-canvas/run.ts [--steps 200] [--runs 3]
 *
 * Starts `wireup start` (temp data folder), saves a draft of --steps steps (filters and Kustomer
 * actions with mapped inputs, a switch with two branches every 50 steps), signs Debian's chromium
 * in with the printed link and opens the draft. Measures, median over --runs page loads:
 * open = navigation to every node on the canvas; pan = frames per second while the pane is
 * dragged for 2 s, and the longest frame; edit = a step added from the canvas until the draft is
 * saved. It prints a table; it is a benchmark, not a test.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '@wireup/testing';
import { startWireup } from '../../core/editor/e2e/wireup-process.ts';

const args = new Map(
  process.argv.slice(2).map((a, i, all) => (a.startsWith('--') ? [a.slice(2), all[i + 1]] : ['', ''])),
);
const stepCount = Number(args.get('steps') ?? 200);
const runs = Number(args.get('runs') ?? 3);
const token = 'bench-token-0123456789';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bigDraft(n: number) {
  const steps: unknown[] = [];
  let made = 0;
  const step = (i: number) =>
    i % 2
      ? {
          id: `note-${i}`,
          type: 'action',
          connector: 'kustomer',
          action: 'create-conversation',
          connection: '',
          input: { customer: '{{trigger.data.object.customer}}', name: `Charge {{trigger.data.object.id}} #${i}` },
        }
      : {
          id: `check-${i}`,
          type: 'filter',
          when: { all: [{ left: '{{trigger.data.object.amount}}', op: 'gt', right: i }] },
        };
  while (made < n) {
    if (made % 50 === 25 && n - made >= 5) {
      steps.push({
        id: `by-currency-${made}`,
        type: 'switch',
        on: '{{trigger.data.object.currency}}',
        cases: { usd: [step(made + 1), step(made + 2)] },
        default: [step(made + 3), step(made + 4)],
      });
      made += 5;
    } else steps.push(step(made++));
  }
  return {
    name: `Bench ${n} steps`,
    trigger: { connector: 'stripe', trigger: 'charge-failed', connection: '' },
    steps,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'wireup-bench-editor-'));
const profile = mkdtempSync(join(tmpdir(), 'wireup-bench-chromium-'));
const wireup = await startWireup({ WIREUP_DATA_DIR: dataDir, WIREUP_API_TOKEN: token });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: [...chromiumFlags],
});
try {
  const created = await fetch(`${wireup.url}/v1/workflows?partial=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(bigDraft(stepCount)),
  }).then((r) => r.json() as Promise<{ id: string; draft: { steps: unknown[] } }>);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(120_000);
  await page.goto(wireup.signInLink);
  const nodes = 1 + stepCount;
  const results: Array<{ open: number; fps: number; longestFrame: number; edit: number }> = [];
  for (let r = 0; r < runs; r++) {
    const started = Date.now();
    await page.goto(`${wireup.url}/editor/${created.id}`);
    await page.waitForFunction(`document.querySelectorAll('[data-node]').length >= ${nodes}`);
    const open = Date.now() - started;
    const pane = (await page.locator('.vue-flow__pane').boundingBox())!;
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    await page.evaluate(
      `window.frames_ = []; (function tick(t) { window.frames_.push(t); if (window.frames_.length < 100000) requestAnimationFrame(tick); })(performance.now());`,
    );
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    await page.mouse.down();
    const panStart = Date.now();
    for (let i = 0; Date.now() - panStart < 2000; i++)
      await page.mouse.move(
        pane.x + pane.width / 2 + Math.sin(i / 10) * 300,
        pane.y + pane.height / 2 + (i % 200) - 100,
      );
    await page.mouse.up();
    const frames = (await page.evaluate('window.frames_')) as number[];
    const inPan = frames.filter((t) => t >= frames[0]);
    const gaps = inPan.slice(1).map((t, i) => t - inPan[i]);
    const fps = (inPan.length - 1) / ((inPan.at(-1)! - inPan[0]) / 1000);
    const editStarted = Date.now();
    await page
      .getByRole('button', { name: /^Insert a step here/ })
      .first()
      .dispatchEvent('click');
    await page.locator('dialog button', { hasText: 'Filter' }).click();
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    results.push({ open, fps, longestFrame: Math.max(...gaps), edit: Date.now() - editStarted });
  }
  console.log(
    `editor canvas, ${stepCount} steps (${nodes} nodes), ${runs} runs; ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('| measure | median | runs |');
  console.log('|---|---|---|');
  const row = (name: string, unit: string, xs: number[], digits = 0) =>
    console.log(`| ${name} | ${median(xs).toFixed(digits)} ${unit} | ${xs.map((x) => x.toFixed(digits)).join(', ')} |`);
  row(
    'open (navigation → all nodes drawn)',
    'ms',
    results.map((r) => r.open),
  );
  row(
    'pan: frames per second',
    'fps',
    results.map((r) => r.fps),
    1,
  );
  row(
    'pan: longest frame',
    'ms',
    results.map((r) => r.longestFrame),
  );
  row(
    'add a step → saved',
    'ms',
    results.map((r) => r.edit),
  );
} finally {
  await context.close();
  await wireup.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
