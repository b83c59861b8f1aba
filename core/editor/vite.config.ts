/**
 * Vite for the editor. `npm run build` writes dist/, which the server serves at /.
 * `npm run dev` serves the editor with hot reload and forwards the API, the sign-in routes and
 * the pair pages to a running Wireup (WIREUP_URL, default http://127.0.0.1:8080): sign in once
 * through the dev server's origin with the printed link, replacing the host by the dev server's.
 */
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const target = process.env.WIREUP_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/v1', '/auth', '/integrations', '/openapi.json'].map((path) => [path, { target, changeOrigin: false }]),
    ),
  },
});
