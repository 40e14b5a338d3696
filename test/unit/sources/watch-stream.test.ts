// One watch connection against the fake API server: stopping it at any point ends it, even while the request is being prepared; a stalled reader is not a silent server; lines cut anywhere arrive whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeConfig } from '@kubernetes/client-node';
import { runWatch } from '../../../src/sources/kube/watch-stream.ts';
import { startFakeApiServer } from '../../support/fake-apiserver.ts';
import { waitFor } from '../../support/processes.ts';

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

test('a reader stalled past the silence bound reads what the server sent meanwhile before judging the watch silent', async () => {
  // Bookmarks every 20 ms: the server is never silent for the bound (150 ms); only this process stalls.
  const fake = await startFakeApiServer({ bookmarkEveryMs: 20 });
  const kc = new KubeConfig();
  kc.loadFromString(fake.kubeconfig());
  try {
    let lines = 0;
    const end = await runWatch({
      kc,
      path: '/api/v1/services',
      query: { watch: 'true', allowWatchBookmarks: 'true' },
      silenceMs: 150,
      signal: new AbortController().signal,
      onOpen: () => undefined,
      onLine: () => {
        lines++;
        // The first bookmark: stall here, as a starved process does, for twice the bound. When it resumes,
        // the silence timer has expired and the next bookmarks are already on their way.
        if (lines === 1) for (const until = Date.now() + 300; Date.now() < until; );
        return lines < 3;
      },
    });
    assert.equal(end, 'stopped', 'the watch was taken for dead although bookmarks kept arriving');
    assert.equal(lines, 3);
  } finally {
    await fake.stop();
  }
});

test('a burst on a watch is read one chunk per turn of the event loop, so other sockets (a scrape) are not starved', async () => {
  const fake = await startFakeApiServer();
  const kc = new KubeConfig();
  kc.loadFromString(fake.kubeconfig());
  const abort = new AbortController();
  const count = 4000;
  // About 2.5 MB of events written at once: more than the runtime reads from one socket in a turn without a pause.
  const burst = fake.prepare(
    'services',
    Array.from({ length: count }, (_, i) => ({ metadata: { name: `svc-${i}`, namespace: 'default', annotations: { filler: 'x'.repeat(500) } }, spec: { type: 'LoadBalancer' } })),
  );
  let lines = 0;
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const end = runWatch({ kc, path: '/api/v1/services', query: { watch: 'true' }, silenceMs: 30_000, signal: abort.signal, onOpen: () => opened(), onLine: () => ++lines < count });
  try {
    await open;
    // Lines handed over between two check phases of the event loop: one turn's reading.
    const perTurn: number[] = [];
    let last = 0;
    const tick = () => {
      perTurn.push(lines - last);
      last = lines;
      if (lines < count) setImmediate(tick);
    };
    setImmediate(tick);
    burst.send();
    assert.equal(await end, 'stopped');
    assert.equal(lines, count);
    // One socket read is at most 64 KiB, about 110 of these lines; allow two reads' worth in a turn.
    const most = Math.max(...perTurn);
    assert.ok(most <= 250, `one turn of the event loop handled ${most} lines of the burst (of ${count})`);
  } finally {
    abort.abort();
    await fake.stop();
  }
});

test('a line cut by chunk ends anywhere, inside a character or across three chunks, is handed over whole and once; empty lines are skipped', async () => {
  const fake = await startFakeApiServer();
  const kc = new KubeConfig();
  kc.loadFromString(fake.kubeconfig());
  const abort = new AbortController();
  const lines: string[] = [];
  const sent = ['{"a":"é"}', '{"b":"zürich","c":"x"}', '{"d":"ö"}', '{"e":"ß"}'];
  const bytes = Buffer.from(`${sent[0]}\n${sent[1]}\n${sent[2]}\n\n${sent[3]}\n`);
  // The pieces: the first line and the second up to inside its "ü" (between the character's two bytes); the rest
  // of that character and more of the line, no line ended (a line over three chunks); the rest of it and the
  // third line; the empty line and the last.
  const cuts = [bytes.indexOf('ü') + 1, bytes.indexOf('"c"'), bytes.indexOf('\n\n') + 1, bytes.length];
  const completed = [1, 1, 3, 4];
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const end = runWatch({
    kc,
    path: '/api/v1/services',
    query: { watch: 'true' },
    silenceMs: 30_000,
    signal: abort.signal,
    onOpen: () => opened(),
    onLine: (line) => lines.push(line) < sent.length,
  });
  try {
    await open;
    // Each piece waits until the lines it completes have arrived, so the next one is read as a chunk of its own.
    let from = 0;
    for (let i = 0; i < cuts.length; i++) {
      fake.injectWatchText('services', bytes.subarray(from, cuts[i]));
      from = cuts[i]!;
      // The second piece ends no line, so there is nothing to wait for: give it a moment to be read alone.
      if (i === 1) await new Promise((resolve) => setTimeout(resolve, 50));
      await waitFor(`line ${completed[i]}`, async () => (lines.length >= completed[i]! ? true : undefined), 10_000, 5);
    }
    assert.equal(await end, 'stopped');
    assert.deepEqual(lines, sent);
  } finally {
    abort.abort();
    await fake.stop();
  }
});

test('a line that grows past the longest accepted fails the watch instead of filling memory; one just under it is handed over', async () => {
  const fake = await startFakeApiServer();
  const kc = new KubeConfig();
  kc.loadFromString(fake.kubeconfig());
  const abort = new AbortController();
  const lines: string[] = [];
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  // How the watch ends, caught at once (it fails while the test is still writing).
  const end = runWatch({ kc, path: '/api/v1/services', query: { watch: 'true' }, silenceMs: 30_000, maxLineBytes: 1000, signal: abort.signal, onOpen: () => opened(), onLine: (line) => (lines.push(line), true) }).catch(
    (err: Error) => err,
  );
  try {
    await open;
    // 999 bytes in two pieces, then the end of the line: under the bound, handed over.
    const under = `"${'x'.repeat(997)}"`;
    fake.injectWatchText('services', Buffer.from(under.slice(0, 500)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    fake.injectWatchText('services', Buffer.from(`${under.slice(500)}\n`));
    await waitFor('the line under the bound', async () => (lines.length === 1 ? true : undefined), 10_000, 5);
    assert.equal(lines[0], under);
    // Then a line that never ends, 600 bytes at a time: the watch fails at the second piece.
    for (let i = 0; i < 3; i++) {
      fake.injectWatchText('services', Buffer.from('y'.repeat(600)));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const failure = await end;
    assert.ok(failure instanceof Error, `the watch ended as ${String(failure)}`);
    assert.equal(failure.message, 'watch /api/v1/services: a line longer than 1000 bytes, larger than any object: the stream cannot be trusted');
    assert.equal(lines.length, 1);
  } finally {
    abort.abort();
    await fake.stop();
  }
});
