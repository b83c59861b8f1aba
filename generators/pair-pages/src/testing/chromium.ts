/**
 * Test helper: Debian's chromium (installed by tools/chromium/install.sh when missing) through
 * playwright-core, headless and offline-quiet, in a temporary profile, for the browser tests of
 * the generated pages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumFlags, chromiumPath } from '@wireup/testing';
import { REPO_ROOT } from './stripe-kustomer.ts';

/** Installs Debian's chromium when it is missing (it may take minutes: give the hook ~11 minutes). */
export function ensureChromium(): void {
  if (!existsSync(chromiumPath))
    execFileSync('sh', [join(REPO_ROOT, 'tools', 'chromium', 'install.sh')], { stdio: 'inherit', timeout: 600_000 });
}

/** A browser context and the temporary profile behind it. */
export interface Chromium {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** A browser context at a 1280 × 900 viewport. */
export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'pair-pages-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: [...chromiumFlags],
      viewport: { width: 1280, height: 900 },
    });
    return {
      context,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
