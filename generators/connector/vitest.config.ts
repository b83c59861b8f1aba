import { defineConfig } from 'vitest/config';

// The scaffold tests start Vitest, tsx and Nx as child processes: generous limits for 2-core CI.
export default defineConfig({ test: { testTimeout: 180_000, hookTimeout: 300_000 } });
