import { defineConfig } from 'vitest/config';

// Builds, html-validate and Chromium share a 2-core CI machine with other suites: generous timeouts.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });
