/**
 * Entry point Nx loads for `nx g @wireup/generators:connector`. Nx requires generators
 * synchronously and, on Node 20, cannot load TypeScript without swc-node or ts-node; this
 * shim registers tsx's ESM loader (already the workspace's TypeScript runner) and imports the
 * generator from src/nx-generator.ts.
 */
'use strict';

module.exports = async function connectorGenerator(tree, options) {
  // The ESM build of tsx's API: its CommonJS build resolves its own loader path wrongly (tsx 4.23).
  const { register } = await import('tsx/esm/api');
  register();
  const { connectorGenerator: generate } = await import('./src/nx-generator.ts');
  return generate(tree, options);
};
