// `serve` reading a Prometheus-compatible store that is slow to answer: SIGTERM ends it without waiting for the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { freePort, startProcess, waitFor } from '../support/processes.ts';
import { repoRoot, terminateWhileHeld } from '../support/serve.ts';
import { silentStore } from '../support/silent-store.ts';

test('serve --source prometheus: SIGTERM during the first read of a silent store stops it before it listens, without waiting for the store', async () => {
  const store = await silentStore();
  const port = await freePort();
  const serve = startProcess(process.execPath, [join(repoRoot, 'bin', 'poolwatch.js'), 'serve', '--source', 'prometheus', '--prometheus-url', store.url, '--listen', `127.0.0.1:${port}`, '--log-format', 'json'], {
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
  });
  try {
    await waitFor('the first read held by the store', async () => (store.waiting() >= 1 ? true : undefined), 40_000);
    await terminateWhileHeld(serve, store, 'the first read of the store');
    // Ended by the stop, not by the read's own timeout, after which it would have listened.
    const messages = serve.output().split('\n').filter((l) => l.startsWith('{')).map((l) => (JSON.parse(l) as { msg: string }).msg);
    assert.deepEqual(messages.slice(-2), ['shutting down', 'stopped'], serve.output());
    assert.ok(!messages.includes('serving'), `it never listened: ${serve.output()}`);
    assert.ok(!messages.includes('store'), `no warning about the read it ended itself: ${serve.output()}`);
  } finally {
    await serve.stop(15_000);
    await store.stop();
  }
  assert.equal(serve.child.exitCode, 0, serve.output());
});
