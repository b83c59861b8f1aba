import { defineConfig } from 'vitest/config';

// Real broker: consumer groups take seconds to join, so timeouts are generous.
export default defineConfig({ test: { testTimeout: 90_000, hookTimeout: 90_000 } });
