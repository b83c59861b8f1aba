/** The version of @wireup/sdk this Wireup runs: what a connector's `sdk` range is checked against. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);

/** Read from @wireup/sdk's package.json (its `exports` do not list it, so from its entry's folder). */
export const runningSdkVersion: string = (() => {
  const entry = require.resolve('@wireup/sdk');
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
})();
