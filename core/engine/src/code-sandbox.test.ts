import { afterAll, describe, expect, it } from 'vitest';
import { createCodeSandbox } from './code-sandbox.ts';
import { defaultCodeLimits, type CodeLimits } from './code-limits.ts';

const sandbox = createCodeSandbox({ workers: 2, graceMs: 1000 });
afterAll(() => sandbox.stop());

const run = (code: string, input: unknown = {}, limits: Partial<CodeLimits> = {}) =>
  sandbox.run({ code, input, limits: { ...defaultCodeLimits, ...limits } });

describe('code sandbox', () => {
  it('returns the JSON value of the code, which reads its input and may await', async () => {
    const outcome = await run(
      'const cents = await Promise.resolve(input.amount);\nreturn { dollars: cents / 100, list: [1, "a", null] }',
      { amount: 4200 },
    );
    expect(outcome).toMatchObject({ ok: true, output: { dollars: 42, list: [1, 'a', null] } });
    expect(await run('console.log("nothing returned")')).toMatchObject({ ok: true, output: null });
  });

  it('keeps console lines, formatted, up to the log limit', async () => {
    const outcome = await run('console.log("amount", input.a, { b: 1 }); console.warn("careful"); return 1', { a: 5 });
    expect(outcome).toMatchObject({ ok: true, logs: ['amount 5 {"b":1}', '[warn] careful'], logsTruncated: false });
    const flooded = await run(
      'for (let i = 0; i < 500; i++) console.log("line " + i); return "done"',
      {},
      { logKb: 1, timeoutMs: 5000 },
    );
    expect(flooded.ok).toBe(true);
    expect(flooded.logsTruncated).toBe(true);
    expect(flooded.logs.join('\n').length).toBeLessThan(1200);
    expect(flooded.logs.at(-1)).toBe('… log truncated at 1024 bytes');
  });

  it('reports a thrown error with its message, line and column', async () => {
    const outcome = await run('const a = 1;\nconst b = null;\n  return b.length;');
    expect(outcome).toMatchObject({ ok: false, kind: 'threw', line: 3, column: 11 });
    expect(outcome.ok || outcome.message).toMatch(/^TypeError: cannot read property 'length' of null/);
    expect(await run('throw new Error("no customer")')).toMatchObject({
      ok: false,
      kind: 'threw',
      message: 'Error: no customer',
      line: 1,
    });
  });

  it('stops an endless loop at the time limit, even one that catches, while the main thread keeps running', async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 10);
    const started = Date.now();
    // 1 s of spinning: ~100 ticks of the main thread's timer when it is free; a loop on the main
    // thread would give 0 or 1. Long enough that a busy machine still shows the difference.
    const outcome = await run('while (true) { try { while (true) {} } catch (e) {} }', {}, { timeoutMs: 1000 });
    clearInterval(timer);
    expect(outcome).toMatchObject({ ok: false, kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(ticks).toBeGreaterThan(5);
    // The worker is usable again afterwards.
    expect(await run('return 2')).toMatchObject({ ok: true, output: 2 });
  });

  it('stops code that awaits forever', async () => {
    expect(await run('await new Promise(() => {}); return 1')).toMatchObject({
      ok: false,
      kind: 'threw',
      message: expect.stringMatching(/never settles/),
    });
    expect(await run('return 3')).toMatchObject({ ok: true, output: 3 });
  });

  it('stops code at the memory limit, and deep recursion', async () => {
    expect(
      await run('const a = []; while (true) a.push({ n: a.length });', {}, { memoryMb: 8, timeoutMs: 4000 }),
    ).toMatchObject({ ok: false, kind: 'memory' });
    expect(
      await run('const a = []; while (true) a.push(new Uint8Array(256 * 1024));', {}, { memoryMb: 8, timeoutMs: 4000 }),
    ).toMatchObject({ ok: false, kind: 'memory' });
    expect(
      await run(
        'const a = []; for (let i = 0; i < 20; i++) a.push(new Uint8Array(1024 * 1024)); return a.length',
        {},
        { memoryMb: 32 },
      ),
    ).toMatchObject({ ok: true, output: 20 });
    expect(await run('function f(n) { return f(n + 1) + 1 } return f(0)')).toMatchObject({ ok: false, kind: 'memory' });
    expect(await run('return "ok"')).toMatchObject({ ok: true, output: 'ok' });
  });

  it('refuses a return value that is not JSON or is too large', async () => {
    expect(await run('return () => 1')).toMatchObject({ ok: false, kind: 'output' });
    expect(await run('return 10n')).toMatchObject({
      ok: false,
      kind: 'output',
      message: expect.stringMatching(/not JSON/),
    });
    expect(await run('const a = {}; a.self = a; return a')).toMatchObject({ ok: false, kind: 'output' });
    expect(await run('return "x".repeat(3000)', {}, { outputKb: 2 })).toMatchObject({
      ok: false,
      kind: 'output',
      message: expect.stringMatching(/more than the limit of 2048/),
    });
  });

  it('gives the code no host: no require, process, timers, network or file system', async () => {
    const outcome = await run(
      'return [typeof require, typeof process, typeof setTimeout, typeof fetch, typeof XMLHttpRequest, typeof Buffer, typeof module, typeof globalThis.std, typeof globalThis.os, typeof WebAssembly]',
    );
    expect(outcome).toMatchObject({ ok: true, output: Array(10).fill('undefined') });
    expect(await run('return require("fs")')).toMatchObject({
      ok: false,
      kind: 'threw',
      message: expect.stringMatching(/require/),
    });
    expect(await run('return import("fs")')).toMatchObject({ ok: false, kind: 'threw' });
  });

  it('known escapes reach only the sandbox', async () => {
    expect(await run('return this.constructor.constructor("return typeof process")()')).toMatchObject({
      ok: true,
      output: 'undefined',
    });
    expect(
      await run('return input.constructor.constructor("return typeof process + typeof require")()', { a: 1 }),
    ).toMatchObject({ ok: true, output: 'undefinedundefined' });
    expect(await run('return console.log.constructor("return typeof process")()')).toMatchObject({
      ok: true,
      output: 'undefined',
    });
    expect(await run('const p = input.__proto__; p.polluted = 1; return ({}).polluted', { a: 1 })).toMatchObject({
      ok: true,
      output: 1,
    });
    // Prototype pollution does not outlive its run, nor reach the host.
    expect(await run('return ({}).polluted === undefined')).toMatchObject({ ok: true, output: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('runs jobs from several runs at once on its workers', async () => {
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => run('return input.i * 2', { i })));
    expect(outcomes.map((o) => (o.ok ? o.output : o.message))).toEqual([0, 2, 4, 6, 8, 10]);
  });
});
