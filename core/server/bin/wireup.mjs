#!/usr/bin/env node
// The `wireup` bin (`npx wireup …` from the workspace): runs core/server/src/cli/wireup.ts under tsx
// (this repository has no build step). Signals are passed on; the exit code is the command's.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/cli/wireup.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
