// `status` with no PATH reads the current kube context (here: the fake API server) and agrees with reading the same manifests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess, repoRoot } from '../support/cli.ts';
import { PoolwatchError } from '../../src/core/errors.ts';
import { createKubeSource } from '../../src/sources/kube-source.ts';
import { execPlugin } from '../support/exec-plugin.ts';
import { startFakeApiServer } from '../support/fake-apiserver.ts';
import { waitFor } from '../support/processes.ts';
import { loadFixture } from '../support/fixture-cluster.ts';

for (const scenario of ['dual-stack', 'basic-ipv4', 'legacy-configmap', 'announcement']) {
  test(`status over the API matches status over the manifests: ${scenario}`, async () => {
    const fake = await startFakeApiServer();
    const dir = mkdtempSync(join(tmpdir(), 'poolwatch-kubeconfig-'));
    try {
      assert.ok(loadFixture(fake, join(repoRoot, 'test', 'fixtures', scenario)) > 0);
      writeFileSync(join(dir, 'config'), fake.kubeconfig());
      const live = await runInProcess(['status', '-o', 'json'], { env: { KUBECONFIG: join(dir, 'config') } });
      assert.equal(live.stderr, '');
      const files = await runInProcess(['status', '-o', 'json', `test/fixtures/${scenario}`]);
      const a = JSON.parse(live.stdout);
      const b = JSON.parse(files.stdout);
      assert.deepEqual(a.pools, b.pools);
      assert.deepEqual(a.services, b.services);
      assert.deepEqual(a.summary, b.summary);
      // Same findings; only locations (API objects have none) and so the order by location differ.
      const strip = (fs: Array<{ location: string | null }>) => fs.map((f) => JSON.stringify({ ...f, location: null })).sort();
      assert.deepEqual(strip(a.findings), strip(b.findings));
      assert.equal(live.code, files.code);
    } finally {
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('status with --context picks that context; an unknown one or an unreachable server is a one-line error', async () => {
  const fake = await startFakeApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-kubeconfig-'));
  try {
    writeFileSync(join(dir, 'config'), fake.kubeconfig());
    const env = { KUBECONFIG: join(dir, 'config') };
    const ok = await runInProcess(['status', '-o', 'json', '--context', 'fake'], { env });
    assert.equal(ok.code, 0, ok.stderr);
    const unknown = await runInProcess(['status', '--context', 'prod'], { env });
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr, `poolwatch: context "prod" is not in the kubeconfig (KUBECONFIG=${env.KUBECONFIG}); known contexts: fake\n`);
    fake.failNext(1, { status: 403, pathPart: '/api/v1/services' });
    const forbidden = await runInProcess(['status'], { env });
    assert.equal(forbidden.code, 2);
    assert.match(forbidden.stderr, /^poolwatch: cannot read Service objects from http:\/\/127\.0\.0\.1:\d+: GET \/api\/v1\/services: HTTP 403: injected fault \(check the credentials and RBAC of context fake\)\n$/);
    await fake.stop();
    const down = await runInProcess(['status'], { env });
    assert.equal(down.code, 2);
    assert.match(down.stderr, /^poolwatch: cannot read \w+ objects from http:\/\/127\.0\.0\.1:\d+: GET \/\S+: nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\)\n$/);
    const missingFile = await runInProcess(['status'], { env: { KUBECONFIG: join(dir, 'nope') } });
    assert.equal(missingFile.stderr, `poolwatch: kubeconfig ${join(dir, 'nope')} does not exist\n`);
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('status reads the cluster of --kubeconfig, and MetalLB objects from --metallb-namespace (the namespace findings judge by it too)', async () => {
  const fake = await startFakeApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-kubeconfig-'));
  try {
    const pool = (namespace: string, name: string) => ({
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name, namespace },
      spec: { addresses: ['10.40.0.0/30'] },
    });
    fake.apply('ipaddresspools', pool('lb', 'in-lb'));
    fake.apply('ipaddresspools', pool('metallb-system', 'in-default'));
    writeFileSync(join(dir, 'config'), fake.kubeconfig());
    // No KUBECONFIG and no home kubeconfig: only the flag leads to the cluster.
    const env = { HOME: dir };
    const read = async (...flags: string[]) => {
      const r = await runInProcess(['status', '-o', 'json', '--kubeconfig', join(dir, 'config'), ...flags], { env });
      assert.equal(r.code, 0, r.stderr);
      const json = JSON.parse(r.stdout) as { pools: Array<{ name: string }>; findings: Array<{ code: string }> };
      return { pools: json.pools.map((p) => p.name), outside: json.findings.filter((f) => f.code === 'outside-metallb-namespace').length };
    };
    assert.deepEqual(await read(), { pools: ['in-default'], outside: 0 });
    assert.deepEqual(await read('--metallb-namespace', 'lb'), { pools: ['in-lb'], outside: 0 });
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('status against a server that trickles a list (a byte now and then, never complete): a one-line error at the deadline, not a hang', async () => {
  const fake = await startFakeApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-kubeconfig-'));
  const hold = fake.holdRequests((r) => r.path === '/api/v1/services');
  try {
    writeFileSync(join(dir, 'config'), fake.kubeconfig());
    // The fake sends a space every 100 ms: never 300 ms without a byte, never a whole answer.
    const load = createKubeSource({ kubeconfig: join(dir, 'config'), env: {}, timeoutMs: 300, deadlineMs: 1000 }).load();
    let hung: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([load.then(() => 'loaded', (err: unknown) => err), new Promise((resolve) => (hung = setTimeout(() => resolve('hung'), 60_000)))]);
    clearTimeout(hung);
    assert.ok(outcome instanceof PoolwatchError, String(outcome));
    assert.equal(outcome.message, `cannot read Service objects from ${fake.url}: GET /api/v1/services: no complete answer within 1000 ms`);
    await waitFor('the trickling list abandoned', async () => (hold.abandoned() === 1 ? true : undefined));
  } finally {
    hold.release();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('status with an exec credential plugin that never answers (or fails): one run for every list, ended at its deadline, and a one-line error naming it', async () => {
  const fake = await startFakeApiServer();
  const plugin = execPlugin(fake.kubeconfig());
  try {
    const load = createKubeSource({ kubeconfig: plugin.kubeconfigFile, env: {}, pluginTimeoutMs: 500 }).load();
    let hung: NodeJS.Timeout | undefined;
    // A bound far above the plugin's deadline, only so that a hang fails here rather than at the file's time limit.
    const outcome = await Promise.race([load.then(() => 'loaded', (err: unknown) => err), new Promise((resolve) => (hung = setTimeout(() => resolve('hung'), 60_000)))]);
    clearTimeout(hung);
    assert.ok(outcome instanceof PoolwatchError, String(outcome));
    assert.equal(outcome.code, 'source-unavailable');
    assert.match(outcome.message, new RegExp(`^cannot read \\w+ objects from ${fake.url.replace(/\./g, '\\.')}: GET /\\S+: the exec credential plugin ${JSON.stringify(process.execPath).replace(/[.\\/]/g, '\\$&')} of kubeconfig user "fake" gave no credential within 500 ms$`));
    assert.equal(plugin.pids().length, 1, 'the lists of every resource wait on one run');
    await waitFor('the plugin ended', async () => (plugin.alive(plugin.pids()[0]!) ? undefined : true));
    assert.equal(fake.requests.length, 0);
    // A plugin that fails says why, in its first line.
    plugin.fail();
    await assert.rejects(createKubeSource({ kubeconfig: plugin.kubeconfigFile, env: {} }).load(), (err: Error) => {
      assert.match(err.message, / the exec credential plugin "[^"]+" of kubeconfig user "fake" failed: error: you must be logged in to the server$/);
      return true;
    });
  } finally {
    await fake.stop();
    plugin.remove();
  }
});
