// Unit tests for the least-squares forecast: exact lines, flat and falling trends, too little history, exhaustion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeForecast, forecastSeries, forecastToJson, humanDuration, linearRegression, predictLinear, type TimedValue } from '../../../src/core/forecast/index.ts';

const now = 1_800_000_000;
const minute = 60;

function series(count: number, value: (i: number) => number, step = minute): TimedValue[] {
  return Array.from({ length: count }, (_, i) => ({ t: now - (count - 1 - i) * step, v: value(i) }));
}

test('an exact line gives its slope and the intercept at the evaluation time', () => {
  const samples = series(100, (i) => 10 + 2 * i); // +2 per minute, last sample (at now) is 208
  const line = linearRegression(samples, now)!;
  assert.ok(Math.abs(line.slope - 2 / 60) < 1e-12, `slope ${line.slope}`);
  assert.ok(Math.abs(line.intercept - 208) < 1e-9, `intercept ${line.intercept}`);
  assert.ok(Math.abs(predictLinear(samples, now, 3600)! - 328) < 1e-9);
});

test('fewer than two samples give no line, as PromQL returns nothing', () => {
  assert.equal(linearRegression([], now), null);
  assert.equal(linearRegression([{ t: now, v: 1 }], now), null);
});

test('a constant series has slope exactly 0 and its value as intercept', () => {
  assert.deepEqual(linearRegression(series(10, () => 7.25), now), { slope: 0, intercept: 7.25 });
});

test('a filling pool gets the time the line reaches the total', () => {
  // 1 address per 10 minutes, 100 of 256 in use now: 156 left, 1560 minutes to go.
  const samples = series(361, (i) => 64 + Math.floor(i / 10));
  const f = forecastSeries({ pool: 'web', family: 'ipv4', samples, inUse: 100n, total: 256n }, { now });
  assert.equal(f.state, 'filling');
  assert.equal(f.samples, 360); // the sample exactly 6 h old is outside the left-open window
  assert.ok(Math.abs(f.trendPerDay! - 144) < 1, `trend ${f.trendPerDay}`);
  const expected = now + ((256 - linearRegression(samples.slice(1), now)!.intercept) / f.trendPerDay!) * 86400;
  assert.ok(Math.abs(f.exhaustsAt! - expected) < 1e-3);
  assert.ok(Math.abs(f.exhaustsAt! - now - 1560 * 60) < 600, `about 26 h, got ${(f.exhaustsAt! - now) / 3600} h`);
  assert.equal(describeForecast(f, now), 'runs out in about 26 hours');
});

test('flat and falling pools are "not filling"', () => {
  const flat = forecastSeries({ pool: 'a', family: 'ipv6', samples: series(100, () => 5), inUse: 5n, total: 1n << 64n }, { now });
  assert.equal(flat.state, 'not-filling');
  assert.equal(flat.trendPerDay, 0);
  assert.equal(flat.exhaustsAt, null);
  const falling = forecastSeries({ pool: 'a', family: 'ipv4', samples: series(100, (i) => 200 - i), inUse: 101n, total: 254n }, { now });
  assert.equal(falling.state, 'not-filling');
  assert.ok(falling.trendPerDay! < 0);
  assert.equal(describeForecast(falling, now), 'not filling');
});

test('too little history gives a hint instead of a guess', () => {
  const f = forecastSeries({ pool: 'a', family: 'ipv4', samples: series(5, (i) => i), inUse: 4n, total: 10n }, { now });
  assert.equal(f.state, 'insufficient-history');
  assert.equal(f.exhaustsAt, null);
  assert.match(f.hint!, /needs at least 36m of history in the last 6h .*has 5 samples over 4m/);
  const custom = forecastSeries({ pool: 'a', family: 'ipv4', samples: series(5, (i) => i), inUse: 4n, total: 10n }, { now, lookbackSeconds: 600, minCoverage: 0.2 });
  assert.equal(custom.state, 'filling');
});

test('samples older than the lookback or newer than now are ignored', () => {
  const samples = [...series(50, () => 1, 60).map((s) => ({ t: s.t - 7 * 3600, v: 1000 })), ...series(60, (i) => i), { t: now + 60, v: 1e9 }];
  const f = forecastSeries({ pool: 'a', family: 'ipv4', samples, inUse: 59n, total: 1000n }, { now });
  assert.equal(f.samples, 60);
  assert.ok(Math.abs(f.trendPerDay! - 1440) < 1e-6);
});

test('a full pool is exhausted whatever the trend', () => {
  const f = forecastSeries({ pool: 'a', family: 'ipv4', samples: series(100, () => 254), inUse: 254n, total: 254n }, { now });
  assert.equal(f.state, 'exhausted');
  assert.equal(describeForecast(f, now), 'exhausted');
});

test('the wire form keeps exact counts as strings', () => {
  const f = forecastSeries({ pool: 'v6', family: 'ipv6', samples: series(100, (i) => i), inUse: 99n, total: 1n << 24n }, { now });
  const json = forecastToJson(f, now);
  assert.equal(json.total, '16777216');
  assert.equal(json.state, 'filling');
  assert.match(json.exhaustsAt!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(json.summary, /^runs out in about \d+ years$/);
});

test('a line that reaches the total only after 100 years is "not filling" (an IPv6 /64)', () => {
  const f = forecastSeries({ pool: 'v6', family: 'ipv6', samples: series(100, (i) => i), inUse: 99n, total: 1n << 64n }, { now });
  assert.equal(f.state, 'not-filling');
  assert.ok(f.trendPerDay! > 0);
  assert.equal(forecastToJson(f, now).exhaustsAt, null);
});

test('durations read naturally', () => {
  assert.equal(humanDuration(30), 'less than a minute');
  assert.equal(humanDuration(90), 'about 2 minutes');
  assert.equal(humanDuration(3 * 86400 + 100), 'about 3 days');
  assert.equal(humanDuration(36 * 3600), 'about 36 hours');
  assert.equal(humanDuration(400 * 86400), 'about 13 months');
});
