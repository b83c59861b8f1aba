import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Component tests run in happy-dom; the browser test (*.integration.test.ts) drives Debian's chromium.
export default defineConfig({
  plugins: [vue()],
  test: {
    environment: 'happy-dom',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
