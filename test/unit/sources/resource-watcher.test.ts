// The list/watch loop's last guard: a bug that escapes the loop restarts it after backoff, but never a watcher that was stopped meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { ResourceWatcher } from '../../../src/sources/kube/resource-watcher.ts';
import { silentLogger } from '../../../src/log.ts';

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
