// The service page in real Chromium against `poolwatch serve`: the same facts as `poolwatch explain`, reached from the pool and pending lists,
// and GET /api/v1/services/{namespace}/{name} with its statuses.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { artifactPath, usePageBrowser } from '../../support/browser.ts';
import { runInProcess } from '../../support/cli.ts';
import { EXPLAIN_FIXTURE, EXPLAINED } from '../../support/explained-services.ts';
import { startServe, type RunningServe } from '../../support/serve.ts';

const chromium = usePageBrowser();

interface Explanation {
  generatedAt: string;
  state: string;
  events: { read: boolean; note: string | null };
  announcement: { state: string; peers: Array<{ name: string; node: string; state: string }>; interfaces: string[] } | null;
  pending: { code: string } | null;
  nextSteps: string[];
  findings: Array<{ code: string }>;
}

describe('service pages of the announcement fixture', () => {
  let serve: RunningServe;
  let page: Page;
  let problems: string[];
  before(async () => {
    // Relative to the server's working directory (the repository), so locations read as explain's do.
    serve = await startServe(['--source', 'manifests', EXPLAIN_FIXTURE]);
    ({ page, problems } = await chromium.openPage(serve));
  });
  after(async () => {
    assert.deepEqual(problems, []);
    await page?.close();
    await serve?.stop();
  });

  const explanation = async (service: string): Promise<Explanation> => {
    const r = await serve.get(`/api/v1/services/${service}`);
    assert.equal(r.status, 200, r.text);
    return JSON.parse(r.text) as Explanation;
  };

  /** Opens the service's page and waits for its explanation to be drawn. */
  const open = async (service: string) => {
    await page.goto(`${serve.url}/#/service/${service}`);
    await page.locator('[data-section="next-steps"]').waitFor({ timeout: 20_000 });
  };

  test('the API answers what explain -o json prints (events aside: the server does not list them)', async () => {
    for (const service of Object.keys(EXPLAINED)) {
      const api = (await explanation(service)) as unknown as Record<string, unknown>;
      const cli = JSON.parse((await runInProcess(['explain', '-o', 'json', service, EXPLAIN_FIXTURE])).stdout) as Record<string, unknown>;
      const same = (doc: Record<string, unknown>) => ({ ...doc, generatedAt: null, events: null });
      assert.deepEqual(same(api), same(cli), service);
      assert.match((api as unknown as Explanation).events.note!, /^the server does not list events: run poolwatch explain shop\/\w+ against the cluster$/);
    }
  });

  test('statuses: 404 with the nearest names for an unknown service, 400 for a query parameter', async () => {
    const missing = await serve.get('/api/v1/services/shop/wbe');
    assert.equal(missing.status, 404);
    assert.deepEqual(JSON.parse(missing.text), { error: { code: 'not-found', message: 'no service shop/wbe (did you mean shop/web?)' } });
    const query = await serve.get('/api/v1/services/shop/web?verbose=1');
    assert.equal(query.status, 400);
    assert.equal(JSON.parse(query.text).error.code, 'invalid-argument');
    assert.equal((await serve.get('/api/v1/services/shop')).status, 404, 'a namespace alone names no service');
    assert.equal((await serve.get('/api/v1/services?namespace=shop')).status, 200, 'the list endpoint is unchanged');
  });

  test('BGP with a peer down: the partly badge, one row per peer and node with its session state, the finding, the next steps', async () => {
    await open('shop/api');
    const e = await explanation('shop/api');
    assert.equal(await page.locator('[data-section="announcement"] .badge').textContent(), 'partly');
    const peers = await page.locator('[data-table="peers"] tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    assert.deepEqual(peers, e.announcement!.peers.map((p) => [p.name, p.name === 'tor-1' ? '10.0.0.1' : '10.0.0.2', p.node, p.state]));
    assert.ok(peers.some((p) => p[3] === 'Active'));
    assert.deepEqual(await page.locator('[data-table="findings"] tbody code').allTextContents(), ['bgp-peer-down']);
    assert.deepEqual(await page.locator('[data-list="next-steps"] li').allTextContents(), e.nextSteps);
    assert.equal(await page.title(), 'shop/api · poolwatch');
    await page.screenshot({ path: artifactPath('web-service-bgp.png'), fullPage: true });
  });

  test('from the pool page to a layer 2 service: announced from node-a on eth0', async () => {
    await page.goto(`${serve.url}/#/pool/l2`);
    await page.locator('tr[data-service="shop/web"] a').click();
    await page.locator('[data-section="next-steps"]').waitFor({ timeout: 20_000 });
    assert.equal(new URL(page.url()).hash, '#/service/shop/web');
    assert.equal(await page.locator('[data-section="announcement"] .badge').textContent(), 'announced');
    const facts = await page.locator('[data-section="announcement"] dd').allTextContents();
    assert.deepEqual(facts, ['layer2', 'node-a', 'eth0']);
    assert.match((await page.locator('[data-list="pool-choice"]').textContent())!, /192\.168\.50\.1 is in pool "l2"/);
  });

  test('from the pending list to a pending service: its reason, no announcement', async () => {
    await page.goto(`${serve.url}/#/pending`);
    await page.locator('tr[data-service="shop/queue"] a').click();
    await page.locator('[data-section="next-steps"]').waitFor({ timeout: 20_000 });
    assert.match((await page.locator('[data-section="service"]').textContent())!, /requested-ip-not-in-pool 10\.99\.0\.1 is in no address pool/);
    assert.equal(await page.locator('[data-section="announcement"]').count(), 0);
  });

  test('an unannounced service: the reason and the step that fixes it', async () => {
    await open('shop/dark');
    const e = await explanation('shop/dark');
    assert.equal(await page.locator('[data-section="announcement"] .badge').textContent(), 'not-announced');
    assert.match((await page.locator('[data-section="announcement"]').textContent())!, /no-advertisement no L2Advertisement or BGPAdvertisement/);
    assert.equal(await page.locator('[data-list="next-steps"] li').first().textContent(), e.nextSteps[0]);
  });

  test('an unknown service says so on the page', async () => {
    // A page of its own: the browser logs the 404 as a console error, which is expected here only.
    const { page: other, problems: seen } = await chromium.openPage(serve, '#/service/shop/wbe');
    await other.locator('.service .error').waitFor({ timeout: 20_000 });
    assert.match((await other.locator('.service .error').textContent())!, /HTTP 404: no service shop\/wbe \(did you mean shop\/web\?\)/);
    assert.ok(seen.every((p) => /status of 404/.test(p)), seen.join('\n'));
    await other.close();
  });
});
