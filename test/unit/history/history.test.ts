// Unit tests for usage history: tiered downsampling, the JSON-lines codec, and skipping of bad lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeInto, defaultTiers, downsample, encodeStore, HistoryStore, retentionSeconds, type UsageSample } from '../../../src/core/history/index.ts';

const DAY = 86400;
const now = 1_800_000_000 - (1_800_000_000 % DAY);

function sample(pool: string, inUse: number, total = 254n, family: 'ipv4' | 'ipv6' = 'ipv4'): UsageSample {
  return { pool, family, inUse: BigInt(inUse), total };
}

test('downsampling keeps every recent point and the last point per bucket of older tiers', () => {
  const points = Array.from({ length: 24 * 60 }, (_, i) => ({ t: now - (24 * 60 - 1 - i) * 60 })); // a day of minutes
  const kept = downsample(points, now, defaultTiers());
  const recent = kept.filter((p) => now - p.t < 6 * 3600);
  const older = kept.filter((p) => now - p.t >= 6 * 3600);
  assert.equal(recent.length, 6 * 60);
  // One per 10 minutes, plus the older-tier point of the bucket that straddles the 6 h boundary.
  assert.equal(older.length, 18 * 6 + 1);
  assert.equal(older.at(-1)!.t, now - 6 * 3600);
  for (const p of older.slice(0, -1)) assert.equal((p.t + 60) % 600, 0, 'the last minute of each 10-minute bucket');
  assert.deepEqual(downsample(kept, now, defaultTiers()), kept, 'compaction is idempotent');
});

test('points older than the last tier are dropped', () => {
  const tiers = defaultTiers();
  const kept = downsample([{ t: now - retentionSeconds(tiers) - 1 }, { t: now - 10 }], now, tiers);
  assert.deepEqual(kept, [{ t: now - 10 }]);
});

test('a year of one-minute samples compacts to a bounded number of points per series', () => {
  const store = new HistoryStore();
  const total = 365 * 24 * 60;
  for (let i = 0; i < total; i += 1) {
    const t = now - (total - i) * 60;
    store.record(t, [sample('a', i % 200), sample('a', 3, 1n << 64n, 'ipv6')]);
    if (i % 10_000 === 0) store.compact(t);
  }
  store.compact(now);
  const a = store.get('a', 'ipv4')!.points;
  // 360 raw + 3 days of 10-minute + 35 days of hourly + 400 days of daily, minus overlaps.
  assert.ok(a.length <= 360 + 432 + 840 + 400, `${a.length} points`);
  assert.ok(a.length >= 360 + 365, `${a.length} points`);
  assert.ok(a[0]!.t >= now - 366 * DAY);
  assert.equal(store.pointCount(), 2 * a.length);
});

test('encoding and decoding keeps series, exact totals and gaps', () => {
  const store = new HistoryStore();
  store.record(now - 120, [sample('web', 10), sample('v6', 1, 1n << 64n, 'ipv6')]);
  store.record(now - 60, [sample('web', 11), sample('v6', 2, 1n << 64n, 'ipv6')]);
  store.record(now, [sample('web', 12, 510n)]); // the pool grew; v6 missing
  const { text } = encodeStore(store);
  assert.equal(text.split('\n').filter((l) => l.startsWith('{"series"')).length, 2);
  assert.match(text, /"18446744073709551616"/);
  const back = new HistoryStore();
  assert.deepEqual(decodeInto(back, text), []);
  assert.deepEqual(back.all(), store.all());
  assert.equal(back.get('web', 'ipv4')!.points[2]!.total, 510n);
});

test('bad lines are skipped with a warning naming the line; good lines around them are kept', () => {
  const text = [
    '{"t":1,"u":["1"]}',
    '{"series":[["web","ipv4","254"]]}',
    '{"t":100,"u":["5"]}',
    'garbage',
    '{"t":160,"u":["5","6"]}',
    '{"t":170,"u":[5]}',
    '[1,2]',
    '{"series":[["x","ipv5","1"]]}',
    '{"t":180,"u":["7"]}',
    '{"series":[["web","ipv4","254"]]}',
    '{"t":200,"u":["8"]}',
    '{"t":260,"u":["9"',
  ].join('\n');
  const store = new HistoryStore();
  const warnings = decodeInto(store, text);
  assert.deepEqual(warnings, [
    'line 1: skipped: sample without a valid header before it',
    'line 4: skipped: not a JSON line',
    'line 5: skipped: 2 values for 1 series',
    'line 6: skipped: values must be decimal strings or null',
    'line 7: skipped: not a JSON object',
    'line 8: skipped header: bad series entry ["x","ipv5","1"]',
    'line 9: skipped: sample without a valid header before it',
    'line 12: skipped: not a JSON line (truncated?)',
  ]);
  assert.deepEqual(store.get('web', 'ipv4')!.points.map((p) => [p.t, p.inUse]), [[100, 5n], [200, 8n]]);
});

test('forecast inputs use the window and the current numbers', () => {
  const store = new HistoryStore();
  for (let i = 0; i < 500; i++) store.record(now - (499 - i) * 60, [sample('web', i)]);
  const [input] = store.forecastInputs([sample('web', 499)], now, 3600);
  assert.equal(input!.samples.length, 61);
  assert.equal(input!.samples[60]!.v, 499);
  assert.equal(input!.inUse, 499n);
});
