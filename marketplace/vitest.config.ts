import { defineConfig } from 'vitest/config';

// End-to-end tests start real servers and child processes: one file at a time, generous timeouts.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
});
