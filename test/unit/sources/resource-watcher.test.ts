// The list/watch loop: a bug that escapes it restarts it after backoff, but never a watcher that was stopped meanwhile; a relist applies only what changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { ResourceWatcher } from '../../../src/sources/kube/resource-watcher.ts';
import { silentLogger } from '../../../src/log.ts';
import { startFakeApiServer } from '../../support/fake-apiserver.ts';
import { waitFor } from '../../support/processes.ts';

const resource = { kind: 'Service', apiVersion: 'v1', path: '/api/v1/services', optional: false };
const hooks = { upsert: () => undefined, remove: () => undefined, changed: () => undefined };

/** A watcher whose loop fails like a bug would (outside its own error handling), counting its runs. */
function failingWatcher(): { watcher: ResourceWatcher; runs: () => number } {
  const watcher = new ResourceWatcher(new KubeConfig(), resource, hooks, {
    logger: silentLogger,
    backoff: { initialMs: 20, maxMs: 20, random: () => 0.99 },
  });
  let runs = 0;
  (watcher as unknown as { loop: () => Promise<void> }).loop = async () => {
    runs++;
    throw new Error('a bug escaping the loop');
  };
  return { watcher, runs: () => runs };
}

test('a loop that fails is started again after backoff', async () => {
  const { watcher, runs } = failingWatcher();
  watcher.start();
  for (let i = 0; i < 200 && runs() < 2; i++) await sleep(10);
  await watcher.stop();
  assert.ok(runs() >= 2, `the loop ran ${runs()} time(s)`);
});

test('a watcher stopped while a restart after a failure is pending stays stopped', async () => {
  const { watcher, runs } = failingWatcher();
  watcher.start();
  await sleep(0); // the loop has failed; its restart is scheduled 10 to 20 ms later
  assert.equal(runs(), 1);
  await watcher.stop();
  await sleep(100); // well past the scheduled restart
  assert.equal(runs(), 1, 'the stopped watcher ran its loop again');
  assert.equal(watcher.state, 'stopped');
});

test('a relist applies only what changed: an unchanged object is not applied again, and an object gone is removed (a cluster-scoped one without a namespace)', async () => {
  const fake = await startFakeApiServer();
  const kc = new KubeConfig();
  kc.loadFromString(fake.kubeconfig());
  for (const name of ['n1', 'n2', 'n3']) fake.apply('namespaces', { metadata: { name } });
  const calls: string[] = [];
  const watcher = new ResourceWatcher(
    kc,
    { kind: 'Namespace', apiVersion: 'v1', path: '/api/v1/namespaces', optional: false },
    {
      upsert: (_, o) => calls.push(`upsert ${o.metadata.name}`),
      remove: (_, o) => calls.push(`remove ${JSON.stringify(o.metadata)}`),
      changed: () => undefined,
    },
    { logger: silentLogger, backoff: { initialMs: 10, maxMs: 20 } },
  );
  try {
    watcher.start();
    await waitFor('the first list', async () => (calls.length === 3 && fake.openWatches('namespaces') === 1 ? true : undefined), 10_000, 10);
    assert.deepEqual(calls.splice(0), ['upsert n1', 'upsert n2', 'upsert n3']);
    // Changes while the watch is down, then history compacted: only a relist can find them.
    const failing = fake.failAll({ pathPart: '/api/v1/namespaces' });
    fake.dropWatches();
    fake.apply('namespaces', { metadata: { name: 'n1', labels: { team: 'a' } } });
    fake.remove('namespaces', null, 'n2');
    fake.apply('namespaces', { metadata: { name: 'n4' } });
    fake.expire();
    failing.clear();
    await waitFor('the relist', async () => (calls.length >= 3 && fake.openWatches('namespaces') === 1 ? true : undefined), 10_000, 10);
    assert.deepEqual(calls, ['upsert n1', 'upsert n4', 'remove {"name":"n2"}']);
  } finally {
    await watcher.stop();
    await fake.stop();
  }
});
