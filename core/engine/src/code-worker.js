/**
 * The code step's sandbox, one per worker thread (see code-sandbox.ts): QuickJS compiled to
 * WebAssembly. The step's code sees only plain data (its input, parsed inside the sandbox),
 * `console` and the ECMAScript built-ins: no require, process, timers, file system, network
 * or host objects. Each job gets a fresh context on the worker's runtime, the runtime's memory
 * limit and an interrupt handler at the job's deadline. After a job that ended badly (timeout,
 * out of memory, a promise that never settles) the whole WebAssembly module is replaced, so
 * nothing it left behind can affect the next job.
 *
 * Plain JavaScript on purpose: a worker thread is started by Node itself, without the
 * TypeScript loader of the process that starts it (vitest, tsx).
 */
import { parentPort } from 'node:worker_threads';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  RELEASE_SYNC,
  shouldInterruptAfterDeadline,
} from 'quickjs-emscripten';

/** Lines before the step's code in the wrapper, subtracted from reported line numbers. */
const WRAPPER_LINES = 1;
const FILE = 'code.js';
const PAGE = 64 * 1024;
/** What QuickJS starts with (Emscripten's initial memory: its own data, stack and first heap). */
const BASE_PAGES = 256;

// Inside the sandbox: console methods format their arguments and hand one line to the host.
const CONSOLE = `(function (send) {
  const show = (v) => { if (typeof v === 'string') return v; try { const j = JSON.stringify(v); return j === undefined ? String(v) : j; } catch { return String(v); } };
  const line = (level) => (...args) => { send(level, args.map(show).join(' ')); };
  globalThis.console = { log: line('log'), info: line('info'), warn: line('warn'), error: line('error'), debug: line('debug') };
})`;

/**
 * The memory limit is the WebAssembly memory's own maximum: QuickJS's malloc limit is not
 * enforced in this build (it cannot measure its allocations), while a memory that cannot grow
 * makes every allocation past the limit fail. A module is therefore made for one limit, and
 * replaced when a job asks for another.
 */
let sandbox = null;

async function load(memoryMb) {
  // The old module is dropped whole (V8 reclaims its memory), never disposed: disposing a runtime
  // that still holds a pending async function, or whose memory ran out, aborts the instance.
  const memory = new WebAssembly.Memory({ initial: BASE_PAGES, maximum: BASE_PAGES + memoryMb * 16 });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory: memory }));
  sandbox = { memoryMb, memory, maxBytes: (BASE_PAGES + memoryMb * 16) * PAGE, runtime: module.newRuntime() };
}

/** Whether the sandbox's memory has (nearly) reached its maximum. */
function exhausted() {
  return sandbox.memory.buffer.byteLength + 2 * PAGE * 16 >= sandbox.maxBytes;
}

/** Where an error was raised in the step's code, from QuickJS's `at ... (code.js:L:C)`. */
function positionOf(dumped) {
  const stack = typeof dumped?.stack === 'string' ? dumped.stack : '';
  const m = new RegExp(`${FILE.replace('.', '\\.')}:(\\d+)(?::(\\d+))?`).exec(stack);
  if (!m) return {};
  return { line: Math.max(1, Number(m[1]) - WRAPPER_LINES), ...(m[2] ? { column: Number(m[2]) } : {}) };
}

function classify(dumped, timedOut) {
  const isError = dumped !== null && typeof dumped === 'object' && typeof dumped.message === 'string';
  if (exhausted() && (!isError || /memory/.test(dumped.message))) return { kind: 'memory', message: 'out of memory' };
  const message = typeof dumped?.message === 'string' ? dumped.message : String(dumped);
  const name = typeof dumped?.name === 'string' ? dumped.name : 'Error';
  if (name === 'InternalError' && message === 'interrupted') return { kind: 'timeout', message };
  if (timedOut()) return { kind: 'timeout', message };
  if (name === 'InternalError' && /out of memory/.test(message)) return { kind: 'memory', message };
  if (/stack overflow/i.test(message)) return { kind: 'memory', message: 'stack overflow (recursion too deep)' };
  return { kind: 'threw', message: `${name}: ${message}`, ...positionOf(dumped) };
}

/**
 * Runs one job and returns its result (never a handle). Writes the console lines into `sink`,
 * and sets `sink.dirty` when the module must be replaced before the next job.
 */
function run(job, sink) {
  const deadline = Date.now() + job.limits.timeoutMs;
  const timedOut = () => Date.now() >= deadline;
  let logBytes = 0;
  const { runtime } = sandbox;
  runtime.setMemoryLimit(job.limits.memoryMb * 1024 * 1024);
  runtime.setMaxStackSize(512 * 1024);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(deadline));
  const vm = runtime.newContext();
  const fail = (handle) => {
    const dumped = vm.dump(handle);
    handle.dispose();
    const problem = classify(dumped, timedOut);
    if (problem.kind !== 'threw') sink.dirty = true;
    return { ok: false, ...problem };
  };
  try {
    const send = vm.newFunction('send', (levelHandle, textHandle) => {
      if (sink.logsTruncated) return;
      const level = vm.getString(levelHandle);
      const text = vm.getString(textHandle);
      const entry = level === 'log' ? text : `[${level}] ${text}`;
      const size = Buffer.byteLength(entry) + 1;
      if (logBytes + size > job.limits.logBytes) {
        sink.logsTruncated = true;
        sink.logs.push(`… log truncated at ${job.limits.logBytes} bytes`);
        return;
      }
      logBytes += size;
      sink.logs.push(entry);
    });
    const installer = vm.evalCode(CONSOLE, 'console.js').unwrap();
    vm.callFunction(installer, vm.undefined, send).unwrap().dispose();
    installer.dispose();
    send.dispose();
    const stringify = vm.evalCode('JSON.stringify').unwrap();
    const input = vm.evalCode(`JSON.parse(${JSON.stringify(job.input)})`, 'input.js').unwrap();
    const compiled = vm.evalCode(`(async function (input) {\n${job.code}\n})`, FILE);
    if (compiled.error) return fail(compiled.error);
    if (vm.typeof(compiled.value) !== 'function') {
      compiled.value.dispose();
      return {
        ok: false,
        kind: 'threw',
        message: 'The code must be the body of a function; it closes the function early.',
      };
    }
    const called = vm.callFunction(compiled.value, vm.undefined, input);
    compiled.value.dispose();
    input.dispose();
    if (called.error) return fail(called.error);
    const promise = called.value;
    const jobs = runtime.executePendingJobs();
    if (jobs.error) {
      promise.dispose();
      return fail(jobs.error);
    }
    const state = vm.getPromiseState(promise);
    promise.dispose();
    if (state.type === 'pending') {
      sink.dirty = true;
      return {
        ok: false,
        kind: 'threw',
        message: 'The code awaits something that never settles (the sandbox has no timers or network).',
      };
    }
    if (state.type === 'rejected') return fail(state.error);
    const value = state.value;
    const isUndefined = vm.typeof(value) === 'undefined';
    const text = vm.callFunction(stringify, vm.undefined, value);
    value.dispose();
    stringify.dispose();
    if (text.error) {
      const problem = fail(text.error);
      return problem.kind === 'threw'
        ? { ok: false, kind: 'output', message: `The return value is not JSON: ${problem.message}` }
        : problem;
    }
    const json = vm.typeof(text.value) === 'string' ? vm.getString(text.value) : undefined;
    text.value.dispose();
    if (json === undefined && !isUndefined)
      return { ok: false, kind: 'output', message: 'The return value is not JSON (a function or a symbol).' };
    const output = json ?? 'null';
    const bytes = Buffer.byteLength(output);
    if (bytes > job.limits.outputBytes) {
      return {
        ok: false,
        kind: 'output',
        message: `The return value is ${bytes} bytes of JSON, more than the limit of ${job.limits.outputBytes}.`,
      };
    }
    return { ok: true, output };
  } catch (error) {
    sink.dirty = true;
    const message = error instanceof Error ? error.message : String(error);
    if (exhausted() || /out of memory/i.test(message)) return { ok: false, kind: 'memory', message: 'out of memory' };
    return { ok: false, kind: timedOut() ? 'timeout' : 'threw', message };
  } finally {
    if (!sink.dirty) vm.dispose();
    // A heap grown to its maximum would leave the next job too little room to tell its own use from this one's.
    if (exhausted()) sink.dirty = true;
  }
}

/** Jobs wait for the module to be replaced after a bad one. The host sends one job at a time anyway. */
let ready = load(32);

parentPort.on('message', async (job) => {
  await ready;
  if (!sandbox || sandbox.memoryMb !== job.limits.memoryMb) await load(job.limits.memoryMb);
  const sink = { logs: [], logsTruncated: false, dirty: false };
  let result;
  try {
    result = run(job, sink);
  } catch (error) {
    sink.dirty = true;
    result = { ok: false, kind: 'threw', message: error instanceof Error ? error.message : String(error) };
  }
  parentPort.postMessage({ id: job.id, logs: sink.logs, logsTruncated: sink.logsTruncated, ...result });
  if (sink.dirty) ready = load(job.limits.memoryMb);
});
