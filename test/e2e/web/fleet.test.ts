// The fleet view end to end: two clusters' poolwatch, each scraped by its own Prometheus, aggregated by federation and by
// remote write into VictoriaMetrics; `serve --source prometheus` on each central store shows both clusters on one page
// (checked in Chromium against the store's numbers), and `status --prometheus-url` prints the same as a table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { artifactPath, usePageBrowser, watchProblems } from '../../support/browser.ts';
import { startMultiCluster, type RunningMultiCluster } from '../../support/multi-cluster.ts';
import { freePort, startProcess, waitFor } from '../../support/processes.ts';
import { instantQuery, startPrometheus } from '../../support/prometheus.ts';
import { assertGolden } from '../../support/golden.ts';
import { repoRoot, startServe } from '../../support/serve.ts';

const CLUSTERS = [
  { name: 'east', paths: [join(repoRoot, 'test/fixtures/web-page')] },
  { name: 'west', paths: [join(repoRoot, 'test/fixtures/exhausted-pool')] },
];

const chromium = usePageBrowser();
let mc: RunningMultiCluster;

before(async () => {
  mc = await startMultiCluster({ clusters: CLUSTERS });
  // Both central stores hold every cluster's pools before the fleet servers read them.
  for (const url of [mc.federation.url, mc.victoriaMetrics.url]) {
    await waitFor(`both clusters in ${url}`, async () => {
      const rows = await instantQuery(url, 'count by (cluster) (poolwatch_pool_info)');
      return rows.length === 2 ? true : undefined;
    }, 60_000, 500);
  }
});

after(async () => {
  await mc?.stop();
});

/** What the store says: in-use and total per cluster, pool and family, as exact decimal strings. */
async function storeNumbers(url: string): Promise<Map<string, [string, string]>> {
  const read = async (expr: string) => new Map((await instantQuery(url, expr)).map((r) => [`${r.metric['cluster']}/${r.metric['pool']}/${r.metric['family']}`, BigInt(Math.round(Number(r.value[1]))).toString()]));
  const inUse = await read('max by (cluster, pool, family) (poolwatch_pool_addresses_in_use)');
  const total = await read('max by (cluster, pool, family) (poolwatch_pool_addresses)');
  return new Map([...inUse].map(([k, v]) => [k, [v, total.get(k)!]]));
}

/** What the page shows: the same keys from the cards of every cluster section. */
async function pageNumbers(page: Page): Promise<Map<string, [string, string]>> {
  const rows = await page.$$eval('section.cluster', (sections) =>
    sections.flatMap((s) =>
      [...s.querySelectorAll('article.card')].flatMap((card) =>
        [...card.querySelectorAll('.family')].map((f) => [
          `${s.getAttribute('data-cluster')}/${card.getAttribute('data-pool')}/${f.getAttribute('data-family')}`,
          f.querySelector('.used')!.textContent!.replace(/,/g, ''),
          f.querySelector('.total')!.getAttribute('title')!.replace(/,/g, ''),
        ]),
      ),
    ),
  );
  return new Map(rows.map(([k, u, t]) => [k!, [u!, t!]]));
}

for (const store of ['federation', 'victoriaMetrics'] as const) {
  test(`serve --source prometheus over ${store}: both clusters on one page, numbers equal to the store's`, async () => {
    const url = mc[store].url;
    const fleet = await startServe(['--source', 'prometheus', '--prometheus-url', url]);
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems = watchProblems(page);
      await page.goto(`${fleet.url}/#/`);
      await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
      assert.deepEqual((await page.$$eval('section.cluster', (s) => s.map((e) => e.getAttribute('data-cluster')))).sort(), ['east', 'west']);
      const want = await storeNumbers(url);
      assert.equal(want.size, 5); // east: web, v6, tiny; west: tiny, busy
      assert.deepEqual(await pageNumbers(page), want);
      // The fullest first: inside west "tiny" (4/4, exhausted) before "busy" (9/10, high).
      assert.deepEqual(await page.locator('section[data-cluster="west"] article.card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-pool'))), ['tiny', 'busy']);
      // Pending counts per cluster, as the store counts them.
      const pending = await instantQuery(url, 'count by (cluster) (max by (cluster, namespace, service) (poolwatch_service_pending))');
      for (const r of pending) {
        assert.match((await page.locator(`section[data-cluster="${r.metric['cluster']}"] .summary`).textContent())!, new RegExp(` ${r.value[1]} pending`));
      }
      await page.screenshot({ path: artifactPath(`web-fleet-${store}.png`), fullPage: true });

      // A pool page of one cluster: its numbers and its services, read from that cluster's series only.
      await page.click('section[data-cluster="west"] article[data-pool="busy"] h2 a');
      await page.waitForFunction(() => location.hash === '#/cluster/west/pool/busy');
      await page.waitForSelector('h2.pool-title');
      assert.equal(await page.locator('.family-section [data-family="ipv4"] .used').textContent(), want.get('west/busy/ipv4')![0]);
      const services = await instantQuery(url, 'count(max by (namespace, service) (poolwatch_service_address_info{cluster="west", pool="busy"}))');
      await page.waitForSelector('.services h3');
      assert.equal(await page.locator('.services h3').textContent(), `Services (${services[0]!.value[1]})`);
      await page.goto(`${fleet.url}/#/cluster/west/pending`);
      await page.waitForSelector('tr[data-service="team-a/late"]', { timeout: 20_000 });
      // The page ends a cluster's event stream when it leaves that cluster; nothing else may fail.
      assert.deepEqual(problems.filter((p) => !/api\/v1\/events(\?cluster=\w+)? net::ERR_ABORTED$/.test(p)), []);
      await page.close();

      // The API names the cluster; an unknown one is a 404, none a 400.
      assert.equal((await fleet.get('/api/v1/pools?cluster=nowhere')).status, 404);
      assert.equal((await fleet.get('/api/v1/pools')).status, 400);
      const pools = JSON.parse((await fleet.get('/api/v1/pools?cluster=east')).text) as { pools: Array<{ name: string; ipv6: { total: string } | null }> };
      // As exact as the store keeps it: Prometheus holds 2^64 exactly (a float64 power of two); VictoriaMetrics keeps
      // fewer digits and gives back 2^64 - 4096.
      assert.equal(pools.pools.find((p) => p.name === 'v6')!.ipv6!.total, want.get('east/v6/ipv6')![1]);
      if (store === 'federation') assert.equal(want.get('east/v6/ipv6')![1], '18446744073709551616');
    } finally {
      await fleet.stop();
    }
  });
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = startProcess(process.execPath, [join(repoRoot, 'bin', 'poolwatch.js'), ...args], { cwd: repoRoot, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' }, lifetimeMs: 60_000 });
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    proc.child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('status --prometheus-url prints the fleet as a table (golden); a bad URL, a store that is down and an empty store each get one line and exit 2', async () => {
  const ok = await runCli(['status', '--prometheus-url', mc.federation.url]);
  assert.equal(ok.stderr, '');
  assert.equal(ok.code, 0);
  assertGolden(join(repoRoot, 'test/golden/fleet/status.txt'), ok.stdout);
  const json = JSON.parse((await runCli(['status', '-o', 'json', '--prometheus-url', mc.victoriaMetrics.url])).stdout) as { clusters: Array<{ name: string }> };
  assert.deepEqual(json.clusters.map((c) => c.name), ['east', 'west']);

  const bad = await runCli(['status', '--prometheus-url', 'not a url']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, 'poolwatch: --prometheus-url "not a url" is not a URL (expected http://HOST:PORT[/PATH])\n');
  const down = await runCli(['status', '--prometheus-url', `http://127.0.0.1:${await freePort()}`]);
  assert.equal(down.code, 2);
  assert.match(down.stderr, /^poolwatch: cannot reach Prometheus: nothing is listening at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)\n$/);
  const empty = await startPrometheus();
  try {
    const none = await runCli(['status', '--prometheus-url', empty.url]);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, `poolwatch: the store at ${empty.url} holds no poolwatch series (is each cluster's poolwatch scraped there, with a cluster label?)\n`);
    // The fleet server over an empty store: the page says so; over a store that is down, the API answers 503.
    const fleet = await startServe(['--source', 'prometheus', '--prometheus-url', empty.url]);
    try {
      const live = JSON.parse((await fleet.get('/api/v1/live')).text) as { clusters: unknown[] };
      assert.deepEqual(live.clusters, []);
    } finally {
      await fleet.stop();
    }
  } finally {
    await empty.stop();
  }
  const downFleet = await startServe(['--source', 'prometheus', '--prometheus-url', `http://127.0.0.1:${await freePort()}`]);
  try {
    const res = await downFleet.get('/api/v1/live');
    assert.equal(res.status, 503);
    assert.match(JSON.parse(res.text).error.message, /cannot reach Prometheus: nothing is listening at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
  } finally {
    await downFleet.stop();
  }
});
