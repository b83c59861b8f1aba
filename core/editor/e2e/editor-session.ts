/**
 * The set-up every browser test of the editor shares: the built editor (built here once when a
 * checkout has none, as in a worktree), the real `wireup start` on a temporary data folder,
 * optionally the fake Kustomer, and Debian's chromium (browser.ts). `shot` saves a screenshot to
 * core/editor/test-output/ and records the view's serious accessibility violations (axe-core),
 * which a test then expects to be none.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createFakeKustomer, type FakeKustomer } from '@wireup/testing';
import { launchBrowser, seriousViolations, type Browser, type Violation } from './browser.ts';
import { editorBuilt, startWireup, type WireupProcess } from './wireup-process.ts';

/** Where the browser tests write screenshots and reports. */
export const outDir = join(import.meta.dirname, '..', 'test-output');
/** Stripe's API for `wireup start`: the stripe-mock the tests share. */
export const stripeMockUrl = process.env.STRIPE_MOCK_URL ?? 'http://127.0.0.1:12111';
/** The API key the fake Kustomer accepts. */
export const kustomerApiKey = 'kustomer-e2e-key';

/** Builds the editor once when dist/ is missing (npm install builds it), and makes the output folder. */
export function prepareEditor(): void {
  if (!editorBuilt())
    execFileSync(
      process.execPath,
      [join(import.meta.dirname, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
      { cwd: join(import.meta.dirname, '..'), stdio: 'pipe' },
    );
  mkdirSync(outDir, { recursive: true });
}

export interface EditorSessionOptions {
  /** Prefix of the temporary data folder, e.g. `wireup-editor-e2e-`. */
  dataDirPrefix: string;
  /** `wireup start`'s environment besides WIREUP_DATA_DIR and WIREUP_API_TOKEN. */
  env?: Record<string, string>;
  /** The API token `wireup start` accepts (WIREUP_API_TOKEN). */
  apiToken: string;
}

export interface EditorSession {
  wireup: WireupProcess;
  kustomer: FakeKustomer;
  page: Page;
  context: BrowserContext;
  /** Serious and critical accessibility violations, by screenshot name. */
  violations: Record<string, Violation[]>;
  /** Saves `<name>.png` and records its violations (unless `axe: false`, for pages that are not the editor's). */
  shot(name: string, options?: { axe?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** Starts the fake Kustomer, `wireup start` (Stripe pointed at stripe-mock) and chromium. */
export async function startEditorSession(options: EditorSessionOptions): Promise<EditorSession> {
  prepareEditor();
  const dataDir = mkdtempSync(join(tmpdir(), options.dataDirPrefix));
  let kustomer: FakeKustomer | undefined;
  let wireup: WireupProcess | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await wireup?.stop();
    await kustomer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    kustomer = await createFakeKustomer({ apiKey: kustomerApiKey });
    wireup = await startWireup({
      WIREUP_DATA_DIR: dataDir,
      WIREUP_EGRESS_ALLOW_PRIVATE: 'true',
      WIREUP_STRIPE_API_BASE: stripeMockUrl,
      WIREUP_API_TOKEN: options.apiToken,
      ...options.env,
    });
    browser = await launchBrowser();
  } catch (error) {
    await close();
    throw error;
  }
  const { page, context } = browser;
  const violations: Record<string, Violation[]> = {};
  return {
    wireup,
    kustomer,
    page,
    context,
    violations,
    async shot(name, { axe = true } = {}) {
      await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: false });
      if (!axe) return;
      const bad = await seriousViolations(page);
      if (bad.length) violations[name] = bad;
    },
    close,
  };
}
