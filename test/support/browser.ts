// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core: never a downloaded browser.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

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
