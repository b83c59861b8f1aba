// Entry of a render worker thread, in plain JavaScript: a worker started outside tsx (vitest,
// plain node) cannot load TypeScript until tsx's loader is registered in its own thread.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
