// `serve --history-file` end to end: samples are written while serving, and a restarted server still has them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startServe } from '../../support/serve.ts';
import { waitFor } from '../../support/processes.ts';

interface HistoryApi {
  points: Array<[number, string, string]>;
}

test('serve keeps history across a restart through --history-file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-serve-history-'));
  const file = join(dir, 'history.jsonl');
  const args = ['--source', 'manifests', join(repoRoot, 'test/fixtures/web-page'), '--history-file', file, '--sample-interval', '1s'];
  try {
    const first = await startServe(args);
    let before: HistoryApi;
    try {
      before = await waitFor('three samples', async () => {
        const h = JSON.parse((await first.get('/api/v1/history?pool=tiny&family=ipv4')).text) as HistoryApi;
        return h.points.length >= 3 ? h : undefined;
      });
      assert.deepEqual(before.points[0]!.slice(1), ['2', '2']);
    } finally {
      await first.stop();
    }
    assert.match(readFileSync(file, 'utf8'), /^\{"series":\[\["web","ipv4","254"\],\["v6","ipv6","18446744073709551616"\],\["tiny","ipv4","2"\]\]\}$/m);
    const second = await startServe(args);
    try {
      const after = JSON.parse((await second.get('/api/v1/history?pool=tiny&family=ipv4')).text) as HistoryApi;
      const firstTimes = before.points.map((p) => p[0]);
      assert.deepEqual(after.points.slice(0, firstTimes.length).map((p) => p[0]), firstTimes, 'the samples taken before the restart are still there');
      const forecast = JSON.parse((await second.get('/api/v1/forecast?pool=tiny')).text) as { forecasts: Array<{ state: string }> };
      assert.equal(forecast.forecasts[0]!.state, 'exhausted');
      assert.equal((await second.get('/api/v1/forecast?pool=nope')).status, 404);
      assert.equal((await second.get('/api/v1/history?pool=tiny&family=ipv5')).status, 400);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
