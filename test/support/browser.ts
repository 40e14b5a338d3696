// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, never a downloaded browser, and the page tests' shared set-up.
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain ES module without type declarations
import { buildUi } from '../../scripts/build-ui.mjs';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Collects console errors, uncaught page errors and failed requests; the tests assert it stays empty. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

/** Screenshots go to test-artifacts/ (ignored by git), for people looking at a CI run. */
export function artifactPath(name: string): string {
  const dir = join(new URL('../..', import.meta.url).pathname, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** The page's tests in one file share one Chromium: built and started before them, closed after. */
export interface PageBrowser {
  /** The browser (only once the file's `before` hooks have run). */
  readonly browser: Browser;
  /** A new page on `serve` at `hash`, once it has rendered its first data; `problems` collects what went wrong. */
  openPage(serve: { url: string }, hash?: string, viewport?: { width: number; height: number }): Promise<{ page: Page; problems: string[] }>;
}

/** Registers the file's `before` (build the page, start Chromium) and `after` (close it): call at the top of a test file. */
export function usePageBrowser(): PageBrowser {
  let browser: Browser | undefined;
  before(async () => {
    await buildUi({ quiet: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the browser starts in the test file\'s before hook');
      return browser;
    },
    async openPage(serve, hash = '#/', viewport = { width: 1280, height: 900 }) {
      const page = await this.browser.newPage({ viewport });
      const problems = watchProblems(page);
      await page.goto(`${serve.url}/${hash}`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
      return { page, problems };
    },
  };
}
