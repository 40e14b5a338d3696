// One watch connection against the fake API server: stopping it at any point ends it, even while the request is being prepared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeConfig } from '@kubernetes/client-node';
import { runWatch } from '../../../src/sources/kube/watch-stream.ts';
import { startFakeApiServer } from '../../support/fake-apiserver.ts';

test('a watch stopped while its request is prepared ends as stopped, not after the silence bound', async () => {
  const fake = await startFakeApiServer();
  const kc = new KubeConfig();
  kc.loadFromString(fake.kubeconfig());
  try {
    const abort = new AbortController();
    let opened = false;
    const end = runWatch({ kc, path: '/api/v1/services', query: { watch: 'true' }, silenceMs: 1000, signal: abort.signal, onOpen: () => (opened = true), onLine: () => true });
    // runWatch is now awaiting the credentials and agent for the request: stop it there.
    abort.abort();
    assert.equal(await end, 'stopped');
    assert.equal(opened, false, 'no watch was opened after the stop');
    assert.equal(fake.openWatches(), 0);
  } finally {
    await fake.stop();
  }
});

test('a watch that cannot connect fails with one plain sentence naming the address, not a system error code', async () => {
  const fake = await startFakeApiServer();
  const kc = new KubeConfig();
  kc.loadFromString(fake.kubeconfig());
  const host = new URL(kc.getCurrentCluster()!.server).host;
  await fake.stop(); // nothing listens there any more
  const abort = new AbortController();
  await assert.rejects(
    runWatch({ kc, path: '/api/v1/services', query: { watch: 'true' }, silenceMs: 5000, signal: abort.signal, onOpen: () => undefined, onLine: () => true }),
    (err: Error) => {
      assert.equal(err.message, `watch /api/v1/services: nothing is listening at ${host} (connection refused)`);
      return true;
    },
  );
});
