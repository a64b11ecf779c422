/**
 * Debian's Chromium, as every browser test and benchmark launches it (playwright-core downloads
 * no browser here). Nothing is imported, so configs and plain scripts can take it without
 * loading the test harness.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, no sandbox (containers), and none of Chromium's own background traffic. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
