/** Entry point: `tsx generators/pair-pages/src/cli.ts --out <dir> [--base-url <url>]`. */
import { runPagesBuild } from './cli-run.ts';

process.exitCode = await runPagesBuild(process.argv.slice(2));
