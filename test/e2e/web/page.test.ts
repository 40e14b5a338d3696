// The web page in real Chromium against `poolwatch serve`: a fixture cluster and the embedded lab, numbers equal to the API's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifactPath, usePageBrowser } from '../../support/browser.ts';
import { repoRoot, startServe, type RunningServe } from '../../support/serve.ts';
import { waitFor } from '../../support/processes.ts';

interface PoolsApi {
  pools: Array<{ name: string; ipv4: { inUse: string; total: string; available: string } | null; ipv6: { inUse: string; total: string; available: string } | null; services: number }>;
}

const chromium = usePageBrowser();
const openPage = chromium.openPage.bind(chromium);

/** The numbers each card shows, by pool and family: [used, total title (exact), available title (exact)]. */
async function cardNumbers(page: Page): Promise<Record<string, Record<string, [string, string, string]>>> {
  return page.$$eval('article.card', (cards) => {
    const out: Record<string, Record<string, [string, string, string]>> = {};
    for (const card of cards) {
      const pool = card.getAttribute('data-pool')!;
      out[pool] = {};
      for (const fam of card.querySelectorAll('.family')) {
        const used = fam.querySelector('.used')!.textContent!;
        const total = fam.querySelector('.total')!.getAttribute('title')!;
        const available = fam.querySelector('.available')!.getAttribute('title')!;
        out[pool][fam.getAttribute('data-family')!] = [used, total, available];
      }
    }
    return out;
  });
}

const digits = (s: string) => s.replace(/,/g, '');

async function assertCardsEqualApi(page: Page, serve: RunningServe): Promise<void> {
  // Compare against the API answer of the same moment: read the page's data stamp, then the API, until they agree.
  await waitFor('the page and the API to show the same snapshot', async () => {
    const api = JSON.parse((await serve.get('/api/v1/pools')).text) as PoolsApi;
    const shown = await cardNumbers(page);
    for (const p of api.pools) {
      for (const fam of ['ipv4', 'ipv6'] as const) {
        const u = p[fam];
        const s = shown[p.name]?.[fam];
        if (!u) {
          assert.equal(s, undefined, `${p.name} ${fam} should not be shown`);
          continue;
        }
        if (!s || digits(s[0]) !== u.inUse || digits(s[1]) !== u.total || digits(s[2]) !== u.available) return undefined;
      }
    }
    assert.equal(Object.keys(shown).length, api.pools.length);
    return true;
  }, 20_000, 250);
}

test('fixture cluster: cards equal the API, IPv6 readable, hostile names stay text, pending and findings shown', async () => {
  const serve = await startServe(['--source', 'manifests', join(repoRoot, 'test/fixtures/web-page')]);
  try {
    const { page, problems } = await openPage(serve);
    await assertCardsEqualApi(page, serve);
    // The IPv6 /64 reads 2^64 with the exact number beside it.
    const v6 = page.locator('article[data-pool="v6"]');
    assert.equal(await v6.locator('.total').textContent(), '2^64');
    assert.match((await v6.locator('.exact').textContent())!, /18,446,744,073,709,551,616/);
    assert.equal(await page.locator('article[data-pool="tiny"]').getAttribute('data-state'), 'exhausted');
    assert.equal(await page.locator('article[data-pool="web"]').getAttribute('data-state'), 'ok');
    await page.screenshot({ path: artifactPath('web-fixture-overview.png'), fullPage: true });

    // The service named like markup is shown as that text, and no element was made from it.
    await page.goto(`${serve.url}/#/pool/web`);
    const row = page.locator('tr[data-service="shop/<img src=x onerror=alert(1)>"]');
    await row.waitFor({ timeout: 10_000 });
    assert.equal(await row.locator('td').nth(1).textContent(), '<img src=x onerror=alert(1)>');
    assert.equal(await page.locator('img').count(), 0);
    await page.waitForSelector('[data-chart="ipv4"]');
    await page.screenshot({ path: artifactPath('web-fixture-pool.png'), fullPage: true });

    await page.goto(`${serve.url}/#/pending`);
    const pending = page.locator('tr[data-service="ops/dns-c"]');
    await pending.waitFor({ timeout: 10_000 });
    assert.equal(await pending.locator('code').textContent(), 'pool-exhausted');
    assert.match((await pending.locator('td').nth(3).textContent())!, /tiny/);

    await page.goto(`${serve.url}/#/findings?severity=error`);
    await page.waitForFunction(() => document.querySelector('#content h2')?.textContent?.startsWith('Findings ('));
    assert.match((await page.locator('#content').textContent())!, /pool-exhausted/);
    assert.doesNotMatch((await page.locator('#content').textContent())!, /service-pending/);

    // A deep link with a filter shows only what matches, and the filter box holds the query.
    await page.goto(`${serve.url}/#/?q=v6`);
    await page.waitForFunction(() => document.querySelectorAll('article.card').length === 1);
    assert.equal(await page.inputValue('#filter'), 'v6');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await serve.stop();
  }
});

test('keyboard, labels and the dark scheme', async () => {
  const serve = await startServe(['--source', 'manifests', join(repoRoot, 'test/fixtures/web-page')]);
  try {
    const { page, problems } = await openPage(serve);
    // Every form control has a label, every gauge an accessible name.
    assert.equal(await page.locator('input:not([id]), select:not([id])').count(), 0);
    for (const id of await page.$$eval('input, select', (els) => els.map((e) => e.id))) assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, id);
    const gaugeLabels = await page.$$eval('svg.gauge', (els) => els.map((e) => e.getAttribute('aria-label')));
    assert.ok(gaugeLabels.length >= 3 && gaugeLabels.every((l) => /^IPv[46] .+ used$/.test(l ?? '')));
    // Tab to the first pool link and open it with Enter.
    const first = await page.locator('article.card h2 a').first().textContent();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.closest('article.card h2') !== null)) break;
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction((name) => location.hash === `#/pool/${encodeURIComponent(name!)}`, first);
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(light, dark);
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${serve.url}/#/`);
    await page.waitForSelector('article.card');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the narrow page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: artifactPath('web-fixture-dark-narrow.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await serve.stop();
  }
});

test('the lab: the filling pool turns exhausted live, a pending service appears with its reason, numbers equal the API', async () => {
  const serve = await startServe(['--source', 'lab', '--lab-speed', '3600']);
  try {
    const { page, problems } = await openPage(serve);
    assert.ok((await page.locator('article.card').count()) >= 6);
    assert.match((await page.locator('article[data-pool="web"] .forecast').textContent())!, /runs out in about|exhausted/);
    await assertCardsEqualApi(page, serve);
    // At 3600x the web pool fills within seconds; the page updates itself, without a reload.
    await page.waitForSelector('article[data-pool="web"][data-state="exhausted"]', { timeout: 60_000 });
    await page.goto(`${serve.url}/#/pending?q=pool-exhausted`);
    await page.waitForFunction(() => [...document.querySelectorAll('tr[data-service] code')].some((c) => c.textContent === 'pool-exhausted'), null, { timeout: 20_000 });
    const message = await page.locator('tr[data-service] td:nth-child(4)').first().textContent();
    assert.match(message!, /"web"/);
    await page.screenshot({ path: artifactPath('web-lab-pending.png'), fullPage: true });
    await page.goto(`${serve.url}/#/pool/web`);
    await page.waitForSelector('[data-chart="ipv4"] canvas', { timeout: 20_000 });
    await page.screenshot({ path: artifactPath('web-lab-pool.png') });
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await serve.stop();
  }
});

test('the lab early on: the forecast counts down (README screenshot)', async () => {
  const serve = await startServe(['--source', 'lab', '--lab-speed', '1']);
  try {
    const { page, problems } = await openPage(serve);
    const text = (await page.locator('article[data-pool="web"] .forecast').textContent())!;
    assert.match(text, /^runs out in about \d+ hours$/);
    if (process.env['UPDATE_DOCS_SCREENSHOT'] === '1') {
      mkdirSync(join(repoRoot, 'docs/img'), { recursive: true });
      await page.screenshot({ path: join(repoRoot, 'docs/img/dashboard.png') });
    }
    assert.ok(existsSync(join(repoRoot, 'docs/img/dashboard.png')), 'docs/img/dashboard.png (UPDATE_DOCS_SCREENSHOT=1 makes it)');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await serve.stop();
  }
});
