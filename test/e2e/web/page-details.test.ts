// The page as a new user sees it, in real Chromium: readable IPv6 charts, a "filling" badge, plurals, legends, axis label,
// the lab's simulated clock, live updates by server-sent events (polling as fallback) and signing in with a token.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { artifactPath, usePageBrowser, watchProblems } from '../../support/browser.ts';
import { repoRoot, startServe, type RunningServe } from '../../support/serve.ts';
import { waitFor } from '../../support/processes.ts';
const chromium = usePageBrowser();
const openPage = chromium.openPage.bind(chromium);

const fixture = join(repoRoot, 'test/fixtures/web-page');

/** What a drawn chart shows: its y scale's top, its size line and its legend. */
interface DrawnChart {
  yMax: number;
  size: string;
  legend: string;
  labels: string[];
}

/**
 * Waits until the chart of `family` is drawn, then returns what it shows, read in one evaluation: the page
 * redraws the chart when it reads history again, so separate reads could each see a different drawing.
 */
function drawnChart(page: Page, family: string): Promise<DrawnChart> {
  return waitFor(
    `the ${family} chart to be drawn`,
    () =>
      page.$eval(`[data-chart="${family}"]`, (host): DrawnChart | undefined => {
        const labels = [...host.querySelectorAll('.u-legend .u-label')].map((l) => l.textContent ?? '');
        const yMax = host.getAttribute('data-y-max');
        if (!host.querySelector('canvas') || yMax === null || labels.length === 0) return undefined;
        return { yMax: Number(yMax), size: host.querySelector('.chart-size')?.textContent ?? '', legend: host.querySelector('.u-legend')?.textContent ?? '', labels };
      }),
    20_000,
  );
}

describe('fixture pages, one check per point', () => {
  let serve: RunningServe;
  let page: Page;
  let problems: string[];
  before(async () => {
    // Samples every second, so the charts have history within seconds.
    serve = await startServe(['--source', 'manifests', fixture, '--sample-interval', '1s']);
    ({ page, problems } = await openPage(serve));
  });
  after(async () => {
    assert.deepEqual(problems, []);
    await page?.close();
    await serve?.stop();
  });

  async function chart(pool: string, family: string): Promise<DrawnChart> {
    await page.goto(`${serve.url}/#/pool/${pool}`);
    return drawnChart(page, family);
  }

  test('"N findings (1 error)": counts in the right number', async () => {
    await page.goto(`${serve.url}/#/`);
    await page.locator('.summary a[href="#/findings"]').waitFor();
    const api = JSON.parse((await serve.get('/api/v1/findings')).text) as { findings: unknown[]; summary: { findings: { error: number } } };
    assert.equal(api.summary.findings.error, 1);
    assert.equal(await page.locator('.summary a[href="#/findings"]').textContent(), `${api.findings.length} findings (1 error)`);
    assert.match((await page.locator('.summary').textContent())!, /^3 pools · 5 services with addresses · 1 pending · /);
  });

  test('the IPv6 /64 chart: a scale that fits what is in use, the size written out', async () => {
    const v6 = await chart('v6', 'ipv6');
    assert.ok(v6.yMax > 0 && v6.yMax < 10, `the y axis runs to ${v6.yMax}`);
    assert.match(v6.size, /2\^64 addresses \(18,446,744,073,709,551,616\)/);
    assert.deepEqual(v6.labels, ['in use']);
    await page.screenshot({ path: artifactPath('web-details-v6.png'), fullPage: true });
  });

  test('a pool that is not filling: legend without "--" values and without a forecast entry', async () => {
    const web = await chart('web', 'ipv4');
    assert.doesNotMatch(web.legend, /--/);
    assert.deepEqual(web.labels, ['in use', 'total']);
  });

  test('the y axis is named', async () => {
    await chart('web', 'ipv4');
    const yLabel = page.locator('[data-chart="ipv4"] .y-label');
    assert.equal(await yLabel.textContent(), 'addresses in use');
    assert.ok(await yLabel.isVisible());
  });

  test('use per namespace: an IPv4-only pool has no IPv6 column', async () => {
    await page.goto(`${serve.url}/#/pool/web`);
    await page.locator('table[data-table="namespaces"]').waitFor({ timeout: 10_000 });
    assert.deepEqual(await page.locator('table[data-table="namespaces"] th').allTextContents(), ['Namespace', 'IPv4']);
  });
});

test('fixture: the Pending table header never breaks inside a word', async () => {
  const serve = await startServe(['--source', 'manifests', fixture]);
  try {
    for (const width of [1280, 820, 700, 640]) {
      const { page, problems } = await openPage(serve, '#/pending', { width, height: 800 });
      await page.locator('tr[data-service="ops/dns-c"]').waitFor();
      // A header cell whose text takes more than one line box has broken. Measured once the table is laid out
      // (live updates redraw it; a cell caught between two drawings has no line boxes at all).
      const measure = () =>
        page.$$eval('#content table.list th', (ths) =>
          ths.map((th) => {
            const range = document.createRange();
            range.selectNodeContents(th);
            return [th.textContent, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size] as const;
          }),
        );
      const lines = await waitFor('the header cells to be laid out', async () => {
        const m = await measure();
        return m.length === 4 && m.every(([, count]) => count > 0) ? m : undefined;
      });
      for (const [text, count] of lines) assert.equal(count, 1, `at ${width}px the header "${text}" takes ${count} lines`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  } finally {
    await serve.stop();
  }
});

describe('the lab early on', () => {
  let serve: RunningServe;
  let page: Page;
  let problems: string[];
  before(async () => {
    serve = await startServe(['--source', 'lab', '--lab-speed', '1']);
    ({ page, problems } = await openPage(serve));
  });
  after(async () => {
    assert.deepEqual(problems, []);
    await page?.close();
    await serve?.stop();
  });

  test('a pool running out within the filling-up alert horizon is "filling"; a flat one stays "ok"', async () => {
    const web = page.locator('article[data-pool="web"]');
    assert.match((await web.locator('.forecast').textContent())!, /^runs out in about \d+ hours$/);
    assert.equal(await web.getAttribute('data-state'), 'filling');
    assert.equal(await web.locator('.badge').textContent(), 'filling');
    assert.equal(await page.locator('article[data-pool="ipv6"]').getAttribute('data-state'), 'ok');
  });

  test('the simulated clock is said', async () => {
    const hint = page.locator('#clock-hint');
    assert.ok(await hint.isVisible());
    assert.equal(await hint.textContent(), 'Simulated clock: the lab runs at 1× real time');
  });
});

/** Requests the page makes to the API, by path. */
function apiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r: Request) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) seen.push(path);
  });
  return seen;
}

async function rendersAfter(page: Page, more: number): Promise<void> {
  const start = Number(await page.evaluate(() => document.body.dataset['renders']));
  await page.waitForFunction((n) => Number(document.body.dataset['renders']) >= n, start + more, { timeout: 30_000 });
}

test('live updates arrive as server-sent events, without polling; polling takes over when the stream is blocked', async () => {
  const serve = await startServe(['--source', 'lab', '--lab-speed', '3600']);
  try {
    const page = await chromium.browser.newPage();
    const problems = watchProblems(page);
    const requests = apiRequests(page);
    await page.goto(`${serve.url}/#/`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    await rendersAfter(page, 4);
    assert.equal(await page.evaluate(() => document.body.dataset['live']), 'streaming');
    assert.deepEqual(requests.filter((p) => p !== '/api/v1/info'), ['/api/v1/events'], `requests: ${requests.join(' ')}`);
    assert.deepEqual(problems, []);
    await page.close();

    // A proxy that cuts the stream: the page polls /api/v1/live and still updates.
    const blocked = await chromium.browser.newPage();
    await blocked.route('**/api/v1/events*', (route) => route.abort());
    const polled = apiRequests(blocked);
    await blocked.goto(`${serve.url}/#/`);
    await blocked.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    await rendersAfter(blocked, 2);
    assert.equal(await blocked.evaluate(() => document.body.dataset['live']), 'polling');
    assert.ok(polled.filter((p) => p === '/api/v1/live').length >= 2, `requests: ${polled.join(' ')}`);
    await blocked.close();
  } finally {
    await serve.stop();
  }
});

test('behind --auth-token-file the page asks for the token, keeps it for the tab, and refuses a wrong one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-token-'));
  writeFileSync(join(dir, 'token'), 's3cret-token\n');
  const serve = await startServe(['--source', 'manifests', fixture, '--auth-token-file', join(dir, 'token')]);
  try {
    const page = await chromium.browser.newPage();
    const problems = watchProblems(page);
    await page.goto(`${serve.url}/#/`);
    await page.locator('#token').waitFor({ timeout: 20_000 });
    await page.fill('#token', 'wrong');
    await page.press('#token', 'Enter');
    await page.locator('form.login [role="alert"]').waitFor({ timeout: 10_000 });
    assert.match((await page.locator('form.login [role="alert"]').textContent())!, /not accepted/);
    await page.fill('#token', 's3cret-token');
    await page.click('form.login button');
    await page.waitForSelector('article[data-pool="tiny"]', { timeout: 20_000 });
    await waitFor('the live stream', async () => ((await page.evaluate(() => document.body.dataset['live'])) === 'streaming' ? true : undefined));
    // A reload in the same tab keeps the token (session storage), so no second sign-in.
    await page.reload();
    await page.waitForSelector('article[data-pool="tiny"]', { timeout: 20_000 });
    assert.equal(await page.locator('#token').count(), 0);
    // The wrong token's 401s and the stream cut by the reload are the only failed requests.
    assert.ok(problems.every((p) => /401|api\/v1\/events net::ERR_ABORTED/.test(p)), problems.join('\n'));
    await page.close();
  } finally {
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
