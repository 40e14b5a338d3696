// The history file on disk: restart keeps history, corrupt and truncated lines are skipped with warnings, compaction rewrites it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryFile } from '../../../src/sources/history-file.ts';
import { PoolwatchError } from '../../../src/core/errors.ts';

const now = 1_800_000_000;
const pools = (n: number) => [
  { pool: 'web', family: 'ipv4' as const, inUse: BigInt(n), total: 254n },
  { pool: 'v6', family: 'ipv6' as const, inUse: 2n, total: 1n << 64n },
];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'poolwatch-history-'));
}

test('a restart keeps the history, and a crash-truncated last line is skipped with a warning', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'history.jsonl');
    const first = await HistoryFile.open(path, { now: () => now });
    for (let i = 0; i < 30; i++) await first.append(now - (30 - i) * 60, pools(i));
    appendFileSync(path, '{"t":1800000000,"u":["9'); // the process died mid-write
    const warnings: string[] = [];
    const second = await HistoryFile.open(path, { now: () => now, warn: (w) => warnings.push(w) });
    assert.deepEqual(warnings, [`${path}:32: skipped: not a JSON line (truncated?)`]);
    assert.equal(second.store.get('web', 'ipv4')!.points.length, 30);
    assert.equal(second.store.get('v6', 'ipv6')!.points[0]!.total, 1n << 64n);
    // The rewrite at start removed the broken line; appending continues cleanly.
    await second.append(now, pools(30));
    const third = await HistoryFile.open(path, { now: () => now, warn: (w) => warnings.push(w) });
    assert.equal(warnings.length, 1);
    assert.deepEqual(third.store.get('web', 'ipv4')!.points.map((p) => Number(p.inUse)), Array.from({ length: 31 }, (_, i) => i));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('corrupt lines in the middle are skipped, the rest is kept', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'history.jsonl');
    writeFileSync(path, ['{"series":[["web","ipv4","254"]]}', '{"t":1799999000,"u":["1"]}', '\u0000\u0001binary', '{"t":1799999060,"u":["2"]}', ''].join('\n'));
    const warnings: string[] = [];
    const file = await HistoryFile.open(path, { now: () => now, warn: (w) => warnings.push(w) });
    assert.deepEqual(warnings, [`${path}:3: skipped: not a JSON line`]);
    assert.deepEqual(file.store.get('web', 'ipv4')!.points.map((p) => p.inUse), [1n, 2n]);
    assert.doesNotMatch(readFileSync(path, 'utf8'), /binary/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('appends are compacted into a bounded file', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'history.jsonl');
    let clock = now - 10 * 86400;
    const file = await HistoryFile.open(path, { now: () => clock, compactEvery: 200 });
    // Ten days of one-minute samples: compaction must keep the file to about 6 h raw + 10-minute buckets.
    for (; clock < now; clock += 60) await file.append(clock, pools(Math.floor((clock / 60) % 250)));
    await file.flush();
    const reopened = await HistoryFile.open(path, { now: () => now });
    const points = reopened.store.get('web', 'ipv4')!.points.length;
    assert.ok(points <= 360 + 200 + 3 * 144 + 7 * 24 + 1, `${points} points kept`);
    assert.ok(points >= 360 + 3 * 144, `${points} points kept`);
    assert.ok(statSync(path).size < 60_000, `${statSync(path).size} bytes`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreadable history file is a one-line error naming it', async () => {
  const dir = tempDir();
  try {
    await assert.rejects(HistoryFile.open(dir, { now: () => now }), (err: unknown) => err instanceof PoolwatchError && err.code === 'unreadable-input' && err.oneLine() === `cannot read the history file: ${dir} is a directory, not a file`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
