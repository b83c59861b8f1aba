import { defineConfig } from 'vitest/config';

// Real server: generous timeouts for a 2-core machine.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
