// `poolwatch serve --source kube` as a process against the fake API server: sync, live events, outage, recovery, SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../support/cli.ts';
import { execPlugin } from '../support/exec-plugin.ts';
import { startFakeApiServer } from '../support/fake-apiserver.ts';
import { loadFixture } from '../support/fixture-cluster.ts';
import { waitFor } from '../support/processes.ts';
import { repoRoot, startServe, terminateWhileHeld } from '../support/serve.ts';

// Generous waits: the whole suite runs in parallel on a small machine.
const WAIT_MS = 40_000;

const svc = (ns: string, name: string, ip: string) => ({
  metadata: { namespace: ns, name },
  spec: { type: 'LoadBalancer', clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'], ipFamilies: ['IPv4'], ports: [{ port: 80, protocol: 'TCP' }] },
  status: { loadBalancer: { ingress: [{ ip }] } },
});

test('serve follows the cluster, serves the last known state through an outage and recovers', async () => {
  const fake = await startFakeApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-serve-kube-'));
  writeFileSync(join(dir, 'config'), fake.kubeconfig());
  loadFixture(fake, join(repoRoot, 'test', 'fixtures', 'dual-stack'));
  const serve = await startServe(['--source', 'kube', '--max-backoff', '400', '--log-format', 'json'], { KUBECONFIG: join(dir, 'config') });
  try {
    await waitFor('readyz', async () => ((await serve.get('/readyz')).status === 200 ? true : undefined), WAIT_MS);
    // The API answers what `status` computes from the same objects as files.
    const api = JSON.parse((await serve.get('/api/v1/status')).text);
    const files = JSON.parse((await runInProcess(['status', '-o', 'json', 'test/fixtures/dual-stack'])).stdout);
    assert.deepEqual(api.pools, files.pools);
    assert.deepEqual(api.services, files.services);
    assert.equal(api.source.up, true);
    assert.equal(await serve.metric('poolwatch_source_up'), 1);
    assert.equal(await serve.metric('poolwatch_pool_addresses_in_use{pool="dual",family="ipv4"}'), 1);

    // A watch event shows in the metrics.
    fake.apply('services', svc('shop', 'extra', '192.168.20.11'));
    await waitFor('the new service in /metrics', async () =>
      (await serve.metric('poolwatch_pool_addresses_in_use{pool="dual",family="ipv4"}')) === 2 ? true : undefined, WAIT_MS);
    assert.equal(await serve.metric('poolwatch_service_address_info{namespace="shop",service="extra",pool="dual",ip="192.168.20.11"}'), 1);
    // ...and on the service's page, which follows the same live ledger.
    const extra = JSON.parse((await serve.get('/api/v1/services/shop/extra')).text);
    assert.deepEqual([extra.state, extra.pool.name, extra.addresses.map((a: { ip: string }) => a.ip)], ['allocated', 'dual', ['192.168.20.11']]);

    // Outage: the last known state is still served, with source_up 0 and the time of the last sync frozen.
    await fake.goDown();
    await waitFor('source_up 0', async () => ((await serve.metric('poolwatch_source_up')) === 0 ? true : undefined), WAIT_MS);
    const frozen = await serve.metric('poolwatch_source_last_sync_timestamp_seconds');
    assert.ok(frozen !== undefined && frozen <= Date.now() / 1000);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(await serve.metric('poolwatch_source_last_sync_timestamp_seconds'), frozen);
    assert.equal(await serve.metric('poolwatch_pool_addresses_in_use{pool="dual",family="ipv4"}'), 2);
    assert.equal((await serve.get('/readyz')).status, 200);
    const stale = JSON.parse((await serve.get('/api/v1/status')).text);
    assert.equal(stale.source.up, false);
    assert.equal(stale.pools.length, 2);
    assert.ok((await serve.metric('poolwatch_watch_restarts_total{resource="Service"}'))! >= 1);

    // While away: a service is deleted and history compacted; on return a relist applies the deletion.
    fake.remove('services', 'shop', 'extra');
    fake.expire();
    await fake.comeUp();
    await waitFor('source_up 1', async () => ((await serve.metric('poolwatch_source_up')) === 1 ? true : undefined), WAIT_MS);
    await waitFor('the deletion applied', async () =>
      (await serve.metric('poolwatch_pool_addresses_in_use{pool="dual",family="ipv4"}')) === 1 ? true : undefined, WAIT_MS);
    assert.ok((await serve.metric('poolwatch_source_last_sync_timestamp_seconds'))! > frozen!);
  } finally {
    await serve.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  // SIGTERM: a graceful stop with exit code 0.
  assert.equal(serve.process.child.exitCode, 0, serve.process.output());
  const lines = serve.process.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; level: string });
  assert.deepEqual(lines.slice(-2).map((l) => l.msg), ['shutting down', 'stopped'], serve.process.output());
  assert.ok(lines.some((l) => l.level === 'warn' && l.msg === 'out of sync with the API server: serving the last known state'));
  assert.ok(lines.some((l) => l.msg === 'watch expired (410 Gone): listing again and applying deletions'));
});

test('serve survives malformed watch events: each is counted and skipped, and the served state is the truth again', async () => {
  const fake = await startFakeApiServer({ bookmarkEveryMs: 200 });
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-serve-kube-'));
  writeFileSync(join(dir, 'config'), fake.kubeconfig());
  loadFixture(fake, join(repoRoot, 'test', 'fixtures', 'dual-stack'));
  const serve = await startServe(['--source', 'kube', '--max-backoff', '400', '--log-format', 'json'], { KUBECONFIG: join(dir, 'config') });
  const inUse = 'poolwatch_pool_addresses_in_use{pool="dual",family="ipv4"}';
  try {
    await waitFor('readyz', async () => ((await serve.get('/readyz')).status === 200 ? true : undefined), WAIT_MS);
    // The four lines the issue names: each stopped the process (exit 1) with a stack trace.
    const lines = ['{"type":"ADDED","object":{}}', '{"type":"ADDED","object":null}', '{"type":"DELETED"}', '{"type":"ERROR","object":null}'];
    for (const [i, line] of lines.entries()) {
      await waitFor('the services watch open', async () => (fake.openWatches('services') === 1 ? true : undefined), WAIT_MS);
      fake.injectWatchText('services', `${line}\n`);
      fake.apply('services', svc('shop', `extra-${i}`, `192.168.20.${11 + i}`));
      await waitFor(`the service after line ${i + 1}`, async () => ((await serve.metric(inUse)) === 2 + i ? true : undefined), WAIT_MS);
    }
    assert.equal(serve.process.child.exitCode, null, serve.process.output());
    assert.equal(await serve.metric('poolwatch_watch_errors_total{resource="Service",reason="invalid-object"}'), 3);
    assert.equal(await serve.metric('poolwatch_watch_errors_total{resource="Service",reason="invalid-error"}'), 1);
    assert.ok((await serve.metric('poolwatch_source_last_event_timestamp_seconds{resource="Service"}'))! > Date.now() / 1000 - 60);
    await waitFor('source_up 1', async () => ((await serve.metric('poolwatch_source_up')) === 1 ? true : undefined), WAIT_MS);
    const api = JSON.parse((await serve.get('/api/v1/status')).text);
    assert.deepEqual(api.services.map((s: { name: string }) => s.name).sort(), fake.list('services').map((s) => s.metadata.name).sort());
  } finally {
    await serve.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(serve.process.child.exitCode, 0, serve.process.output());
  assert.doesNotMatch(serve.process.output(), /^\s+at /m, 'no stack trace');
});

test('serve refuses a bad kubeconfig, listen address or token file with a one-line message and exit 2', async () => {
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [['serve'], {}, /^poolwatch: no Kubernetes configuration found/],
    [['serve', '--kubeconfig', '/nonexistent/config'], {}, /^poolwatch: kubeconfig \/nonexistent\/config does not exist$/],
    [['serve', '--listen', 'localhost', 'test/fixtures/dual-stack'], {}, /^poolwatch: --listen "localhost": no port/],
    [['serve', '--auth-token-file', '/nonexistent/token', 'test/fixtures/dual-stack'], {}, /^poolwatch: cannot read the token file: \/nonexistent\/token does not exist$/],
    [['serve', '--source', 'lab', '--lab-speed', 'fast'], {}, /^poolwatch: --lab-speed must be a positive number, not "fast"$/],
    [['serve', '--source', 'lab', 'test/fixtures/dual-stack'], {}, /^poolwatch: --source lab simulates a cluster and reads no files: drop test\/fixtures\/dual-stack$/],
    [['serve', '--sample-interval', 'often', 'test/fixtures/dual-stack'], {}, /^poolwatch: --sample-interval "often" is not a duration/],
    [['serve', '--source', 'manifests'], {}, /^poolwatch: --source manifests needs at least one PATH$/],
    [['serve', '--list-timeout', 'soon'], {}, /^poolwatch: --list-timeout must be a whole number of milliseconds, not "soon"$/],
  ];
  for (const [argv, env, message] of cases) {
    const r = await runInProcess(argv, { env });
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr.trim(), message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('SIGTERM while the API server is slow to answer the first list: serve exits without waiting for the list', async () => {
  const fake = await startFakeApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-serve-kube-'));
  writeFileSync(join(dir, 'config'), fake.kubeconfig());
  // The services list is answered slowly until released: the client's own timeout never ends it.
  const hold = fake.holdRequests((r) => r.path === '/api/v1/services' && r.query['watch'] === undefined);
  const serve = await startServe(['--source', 'kube', '--log-format', 'json'], { KUBECONFIG: join(dir, 'config') });
  try {
    await waitFor('the services list held', async () => (hold.waiting() === 1 ? true : undefined), WAIT_MS);
    assert.equal((await serve.get('/readyz')).status, 503, 'not ready before the first list');
    await terminateWhileHeld(serve.process, hold, 'the services list');
  } finally {
    hold.release();
    await serve.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(serve.process.child.exitCode, 0, serve.process.output());
  const lines = serve.process.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string });
  assert.deepEqual(lines.slice(-2).map((l) => l.msg), ['shutting down', 'stopped'], serve.process.output());
});

test('--list-timeout: a list whose answer trickles in is given up at that deadline, logged, and retried', async () => {
  const fake = await startFakeApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-serve-kube-'));
  writeFileSync(join(dir, 'config'), fake.kubeconfig());
  // A space every 100 ms: the connection is never idle, the answer never complete.
  const hold = fake.holdRequests((r) => r.path === '/api/v1/services' && r.query['watch'] === undefined);
  const serve = await startServe(['--source', 'kube', '--list-timeout', '300', '--max-backoff', '400', '--log-format', 'json'], { KUBECONFIG: join(dir, 'config') });
  try {
    await waitFor('the trickling list given up and retried', async () => (hold.abandoned() >= 2 ? true : undefined), WAIT_MS);
    const failure = serve.process.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['msg'] === 'list/watch failed; restarting');
    assert.equal(failure?.['error'], 'GET /api/v1/services: no complete answer within 300 ms', serve.process.output());
    assert.equal((await serve.get('/readyz')).status, 503);
    hold.release();
    await waitFor('readyz once the lists complete', async () => ((await serve.get('/readyz')).status === 200 ? true : undefined), WAIT_MS);
  } finally {
    hold.release();
    await serve.stop();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SIGTERM while the exec credential plugin of the kubeconfig has not answered: serve exits and ends the plugin', async () => {
  const fake = await startFakeApiServer();
  const plugin = execPlugin(fake.kubeconfig());
  const serve = await startServe(['--source', 'kube', '--log-format', 'json'], { KUBECONFIG: plugin.kubeconfigFile });
  try {
    await waitFor('the plugin running', async () => (plugin.pids().length > 0 ? true : undefined), WAIT_MS);
    assert.equal((await serve.get('/readyz')).status, 503, 'not ready without a credential');
    process.kill(serve.process.pid, 'SIGTERM');
    await waitFor('serve to exit while the plugin has not answered', async () => (serve.process.child.exitCode !== null || serve.process.child.signalCode !== null ? true : undefined), WAIT_MS);
    // Ended by serve, not left behind: a plugin outliving poolwatch would be a leak at every restart.
    await waitFor('the plugin ended', async () => (plugin.alive(plugin.pids()[0]!) ? undefined : true), WAIT_MS);
    assert.equal(plugin.pids().length, 1, 'one run of the plugin for the lists of every resource');
    assert.equal(fake.requests.length, 0);
  } finally {
    await serve.stop();
    await fake.stop();
    plugin.remove();
  }
  assert.equal(serve.process.child.exitCode, 0, serve.process.output());
  const lines = serve.process.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string });
  assert.deepEqual(lines.slice(-2).map((l) => l.msg), ['shutting down', 'stopped'], serve.process.output());
});
