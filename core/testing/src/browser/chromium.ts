/**
 * Debian's chromium as every browser test launches it (the editor's e2e tests, the pair pages'
 * browser tests): where it is, and the flags that keep it headless, quiet and offline.
 */

/** Debian's chromium (tools/chromium/install.sh installs it); CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (containers), no GPU, and none of its own network traffic. */
export const chromiumFlags: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
