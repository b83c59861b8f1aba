/** `wireup pages build [--out dir] [...]`: builds the pair-pages site (default: where the server serves it from). */
import { runPagesBuild } from '@wireup/pair-pages';
import type { Config } from '../config.ts';

export async function pagesBuildCommand(config: Config, args: string[]): Promise<number> {
  const withOut = args.includes('--out') ? args : ['--out', config.pagesDir, ...args];
  const withBase = withOut.includes('--base-url') ? withOut : [...withOut, '--base-url', config.publicUrl];
  return runPagesBuild(withBase);
}
