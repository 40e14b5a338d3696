// Live updates: a thousand streams share one rendering per change; the event stream and the JSON answer carry the same document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeedRegistry, LiveFeed } from '../../../src/server/live-feed.ts';
import { createServer } from '../../../src/server/http-server.ts';
import { singleClusterFeeds } from '../../../src/server/page-document.ts';
import type { Report } from '../../../src/core/report/types.ts';
import { silentLogger } from '../../../src/log.ts';
import { sampleReport } from '../../support/sample-report.ts';

test('a thousand streams: one rendering per change, the same text written to each', async () => {
  let version = { n: 1 };
  let snapshots = 0;
  const feed = new LiveFeed({
    snapshot: () => {
      snapshots++;
      const v = version;
      return { versions: [v], render: () => JSON.stringify({ n: v.n }) };
    },
    intervalMs: 60_000,
  });
  const received: string[][] = [];
  const unsubscribe: Array<() => void> = [];
  for (let i = 0; i < 1000; i++) {
    const got: string[] = [];
    received.push(got);
    unsubscribe.push(await feed.subscribe({ write: (c) => got.push(c), end: () => {} }));
  }
  assert.equal(feed.renders, 1);
  assert.equal(feed.streams, 1000);
  // No change: checking again renders nothing and writes nothing.
  await feed.current();
  assert.equal(feed.renders, 1);
  version = { n: 2 };
  // Concurrent checks share one.
  const before = snapshots;
  await Promise.all([feed.current(), feed.current(), feed.current()]);
  assert.equal(snapshots, before + 1);
  assert.equal(feed.renders, 2);
  for (const got of received) assert.deepEqual(got, ['event: update\ndata: {"n":1}\n\n', 'event: update\ndata: {"n":2}\n\n']);
  for (const u of unsubscribe) u();
  assert.equal(feed.streams, 0);
});

test('GET /api/v1/events streams the /api/v1/live document, needs the token like the API, and ends at close', async () => {
  let report: Report = sampleReport();
  const live = singleClusterFeeds({ report: () => report });
  const deps = {
    report: () => report,
    health: () => ({ source: 'kube', up: true, ready: true, lastSyncMs: 0, restarts: {}, notes: [] }),
    metrics: async () => ({ contentType: 'text/plain', body: '' }),
    log: silentLogger,
    live,
  };
  const server = createServer({ deps, authToken: 's3cret' });
  const { port } = await server.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: 'Bearer s3cret' };
  try {
    assert.equal((await fetch(`${base}/api/v1/events`)).status, 401);
    assert.equal((await fetch(`${base}/api/v1/live`)).status, 401);
    // The page's code loads without the token (it holds no data), so the page can ask for it.
    assert.notEqual((await fetch(`${base}/`)).status, 401);
    assert.equal((await fetch(`${base}/api/v1/live?cluster=x`, { headers: auth })).status, 400);
    const doc = await (await fetch(`${base}/api/v1/live`, { headers: auth })).json();
    assert.deepEqual(doc.pending.map((s: { name: string }) => s.name), ['api']);
    assert.equal(doc.pools[0].ipv6.total, '18446744073709551616');

    const res = await fetch(`${base}/api/v1/events`, { headers: auth });
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('\n\nevent: update')) text += (await reader.read()).value ?? '';
    while (!text.endsWith('\n\n')) text += (await reader.read()).value ?? '';
    const first = JSON.parse(text.split('data: ')[1]!.trim());
    assert.deepEqual(first, doc);
    // A new report reaches the open stream within the check interval.
    report = { ...report, generatedAt: '2030-01-01T00:00:00Z' };
    while (!text.includes('2030-01-01T00:00:00Z')) text += (await reader.read()).value ?? '';
    const closing = server.close(1000);
    while (!(await reader.read()).done);
    await closing;
  } finally {
    await server.close();
  }
});

test('a stream that opens while the feed closes (its first document still being made) is ended too', async () => {
  let made!: () => void;
  const ready = new Promise<void>((resolve) => (made = resolve));
  const feed = new LiveFeed({
    snapshot: async () => {
      await ready;
      return { versions: [1], render: () => '{}' };
    },
    intervalMs: 60_000,
  });
  let ended = false;
  const subscribing = feed.subscribe({ write: () => {}, end: () => (ended = true) });
  // The server shuts down before the first document is ready.
  feed.close();
  made();
  await subscribing;
  assert.equal(ended, true, 'the stream was ended, so it does not hold the server open until the grace time');
  assert.equal(feed.streams, 0);
});

test('a feed made after its registry closed (a request that arrived during shutdown) ends its streams at once', async () => {
  const registry = new FeedRegistry(() => new LiveFeed({ snapshot: () => ({ versions: [1], render: () => '{}' }), intervalMs: 60_000 }));
  registry.close();
  let ended = false;
  await registry.get('cluster:a').subscribe({ write: () => {}, end: () => (ended = true) });
  assert.equal(ended, true);
  assert.equal(registry.get('cluster:a').streams, 0);
});
