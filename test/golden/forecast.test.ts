// Golden output of `poolwatch forecast` from a history file, and its one-line errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { copyFileSync, appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { assertGolden } from '../support/golden.ts';
import { repoRoot, runInProcess } from '../support/cli.ts';
import { freePort } from '../support/processes.ts';

const file = 'test/fixtures/forecast-history/history.jsonl';
const golden = (name: string) => join(repoRoot, 'test/golden/forecast', name);

test('forecast table from a history file: filling, flat, falling, exhausted and too-young pools', async () => {
  const r = await runInProcess(['forecast', '--history-file', file]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assertGolden(golden('table.txt'), r.stdout);
});

test('forecast -o json', async () => {
  const r = await runInProcess(['forecast', '--history-file', file, '-o', 'json']);
  assert.equal(r.code, 0);
  const doc = JSON.parse(r.stdout) as { forecasts: Array<{ pool: string; state: string }> };
  assert.deepEqual(Object.fromEntries(doc.forecasts.map((f) => [f.pool, f.state])), { full: 'exhausted', shrinking: 'not-filling', v6: 'not-filling', web: 'filling', young: 'insufficient-history' });
  assertGolden(golden('forecast.json'), r.stdout);
});

test('forecast --pool and --lookback', async () => {
  const r = await runInProcess(['forecast', '--history-file', file, '--pool', 'web', '--lookback', '2h']);
  assert.equal(r.code, 0);
  assertGolden(golden('table-web-2h.txt'), r.stdout);
});

test('forecast warns about corrupt lines and still answers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-forecast-'));
  try {
    const copy = join(dir, 'history.jsonl');
    copyFileSync(join(repoRoot, file), copy);
    appendFileSync(copy, '{"t":179525');
    const r = await runInProcess(['forecast', '--history-file', copy, '--pool', 'web']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, `poolwatch: warning: ${copy}:100: skipped: not a JSON line (truncated?)\n`);
    assert.match(r.stdout, /^web +IPv4 +186\/254/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('forecast errors are one line with exit code 2', async () => {
  const closed = `http://127.0.0.1:${await freePort()}`;
  const cases: Array<[string[], RegExp]> = [
    [['forecast'], /^poolwatch: forecast needs --history-file FILE or --prometheus-url URL\n$/],
    [['forecast', '--history-file', 'missing.jsonl'], /^poolwatch: cannot read the history file: missing.jsonl does not exist\n$/],
    [['forecast', '--history-file', file, '--lookback', 'soon'], /^poolwatch: --lookback "soon" is not a duration/],
    [['forecast', '--history-file', file, '--pool', 'nope'], /^poolwatch: no history for a pool named "nope"\n$/],
    [['forecast', '--prometheus-url', closed], new RegExp(`^poolwatch: cannot reach Prometheus: nothing is listening at ${closed} \\(connection refused\\)\n$`)],
  ];
  for (const [argv, expected] of cases) {
    const r = await runInProcess(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, expected);
    assert.equal(r.stdout, '');
  }
});

test('docs/cli.md shows the real forecast table', async () => {
  const { readFileSync } = await import('node:fs');
  const docs = readFileSync(join(repoRoot, 'docs/cli.md'), 'utf8');
  const r = await runInProcess(['forecast', '--history-file', file]);
  assert.ok(docs.includes(`$ poolwatch forecast --history-file ${file}\n${r.stdout}\`\`\``), 'docs/cli.md forecast example differs from the real output');
});
