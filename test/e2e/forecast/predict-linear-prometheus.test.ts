// Checks the forecast against real Prometheus: the same series backfilled with promtool, then predict_linear and deriv compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrometheus } from '../../support/prometheus.ts';
import { runInProcess } from '../../support/cli.ts';
import { forecastSeries, linearRegression, predictLinear, type TimedValue } from '../../../src/core/forecast/index.ts';

// A fixed, seeded history: 8 hours at irregular ~60 s steps with millisecond timestamps, ending at `end`.
const end = 1_795_000_000; // 2026-11-18, inside the helper's 10-year retention
const evalTime = end - 1234.5; // not on a sample, so left-open vs closed windows cannot differ

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function makeSeries(seed: number, shape: (i: number, noise: number) => number): TimedValue[] {
  const rnd = lcg(seed);
  const out: TimedValue[] = [];
  let t = end - 8 * 3600;
  for (let i = 0; t <= end; i++) {
    out.push({ t: Math.round(t * 1000) / 1000, v: Math.max(0, Math.round(shape(i, rnd()))) });
    t += 55 + rnd() * 10 + 0.001 * Math.floor(rnd() * 1000);
  }
  return out;
}

const cases: Array<{ pool: string; family: 'ipv4' | 'ipv6'; total: bigint; samples: TimedValue[] }> = [
  { pool: 'filling', family: 'ipv4', total: 254n, samples: makeSeries(1, (i, n) => 40 + i * 0.25 + n * 6) },
  { pool: 'flat', family: 'ipv4', total: 1024n, samples: makeSeries(2, () => 300) },
  { pool: 'falling', family: 'ipv6', total: 1n << 64n, samples: makeSeries(3, (i, n) => 900 - i * 0.5 + n * 20) },
  { pool: 'steep', family: 'ipv4', total: 100000n, samples: makeSeries(4, (i, n) => 1e4 + i * 37 + n * 500) },
];

function openMetrics(): string {
  const lines = ['# TYPE poolwatch_pool_addresses_in_use gauge'];
  for (const c of cases) for (const s of c.samples) lines.push(`poolwatch_pool_addresses_in_use{pool="${c.pool}",family="${c.family}"} ${s.v} ${s.t.toFixed(3)}`);
  lines.push('# TYPE poolwatch_pool_addresses gauge');
  for (const c of cases) for (const s of c.samples) lines.push(`poolwatch_pool_addresses{pool="${c.pool}",family="${c.family}"} ${Number(c.total)} ${s.t.toFixed(3)}`);
  lines.push('# EOF', '');
  return lines.join('\n');
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

test('predict_linear and deriv from real Prometheus equal the forecast line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-forecast-'));
  try {
    writeFileSync(join(dir, 'history.om'), openMetrics());
    const created = spawnSync('/usr/bin/promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'history.om'), join(dir, 'data')], { encoding: 'utf8' });
    assert.equal(created.status, 0, created.stderr);
    const prom = await startPrometheus({ dataDir: join(dir, 'data') });
    try {
      for (const horizon of [0, 3600, 86400 * 7]) {
        const result = await prom.query(`predict_linear(poolwatch_pool_addresses_in_use[6h], ${horizon})`, evalTime);
        assert.equal(result.length, cases.length);
        for (const c of cases) {
          const row = result.find((r) => r.metric['pool'] === c.pool);
          assert.ok(row, `no result for ${c.pool}`);
          const window = c.samples.filter((s) => s.t > evalTime - 6 * 3600 && s.t <= evalTime);
          const ours = predictLinear(window, evalTime, horizon)!;
          assert.ok(close(Number(row.value[1]), ours), `${c.pool} +${horizon}s: Prometheus ${row.value[1]}, poolwatch ${ours}`);
        }
      }
      const deriv = await prom.query('deriv(poolwatch_pool_addresses_in_use[6h]) * 86400', evalTime);
      // The time the line reaches the total, as a PromQL expression a Grafana panel could use.
      const exhaustion = await prom.query(
        'time() + (254 - predict_linear(poolwatch_pool_addresses_in_use{pool="filling"}[6h], 0)) / deriv(poolwatch_pool_addresses_in_use{pool="filling"}[6h])',
        evalTime,
      );
      for (const c of cases) {
        const inUse = BigInt(c.samples.filter((s) => s.t <= evalTime).at(-1)!.v);
        const f = forecastSeries({ pool: c.pool, family: c.family, samples: c.samples, inUse, total: c.total }, { now: evalTime });
        const promTrend = Number(deriv.find((r) => r.metric['pool'] === c.pool)!.value[1]);
        assert.ok(close(promTrend, f.trendPerDay!), `${c.pool} trend: Prometheus ${promTrend}, poolwatch ${f.trendPerDay}`);
        assert.equal(f.state, { filling: 'filling', flat: 'not-filling', falling: 'not-filling', steep: 'filling' }[c.pool]);
        if (c.pool === 'filling') {
          assert.ok(Math.abs(Number(exhaustion[0]!.value[1]) - f.exhaustsAt!) < 1e-3, `exhaustion: Prometheus ${exhaustion[0]!.value[1]}, poolwatch ${f.exhaustsAt}`);
        }
      }
      // `poolwatch forecast --prometheus-url` reads the raw samples and gives the same trend and time.
      const cli = await runInProcess(['forecast', '--prometheus-url', prom.url, '-o', 'json'], { now: new Date(evalTime * 1000) });
      assert.equal(cli.code, 0, cli.stderr);
      const doc = JSON.parse(cli.stdout) as { forecasts: Array<{ pool: string; trendPerDay: number; state: string; exhaustsAtSeconds: number | null; inUse: string }> };
      assert.deepEqual(doc.forecasts.map((f) => f.pool), ['falling', 'filling', 'flat', 'steep']);
      for (const f of doc.forecasts) {
        const promTrend = Number(deriv.find((r) => r.metric['pool'] === f.pool)!.value[1]);
        assert.ok(Math.abs(f.trendPerDay - promTrend) <= 1e-5 * Math.max(1, Math.abs(promTrend)), `${f.pool}: CLI ${f.trendPerDay}, Prometheus ${promTrend}`);
      }
      // --pool that matches nothing is an error, not an empty table.
      const one = await runInProcess(['forecast', '--prometheus-url', prom.url, '--pool', 'nope'], { now: new Date(evalTime * 1000) });
      assert.equal(one.code, 2);
      assert.match(one.stderr, /no history for a pool named "nope"/);
      // A constant series is exactly flat in both.
      const flatLine = linearRegression(cases[1]!.samples, evalTime)!;
      assert.equal(flatLine.slope, 0);
      assert.equal(Number(deriv.find((r) => r.metric['pool'] === 'flat')!.value[1]), 0);
    } finally {
      await prom.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
