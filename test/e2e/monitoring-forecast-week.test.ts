// The forecast alerts on a realistic week of pool history (office-hours churn, noise, decommissioning, a migration).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/core/generate/config.ts';
import { PROMTOOL, runToolAsync, tempDir, writeRuleFile } from '../support/monitoring-bundle.ts';

const MINUTES = 7 * 24 * 60; // Monday 00:00 to the next Monday
// One sample and one rule evaluation every 10 minutes (aligned, so no sample goes stale): promtool's cost grows
// with the number of evaluations, and a week at the usual 1m would take minutes.
const STEP = 10;
const USABLE = 256;
const RUNBOOK = 'https://github.com/poolwatch/poolwatch/blob/main/docs/runbook.md#metallbpoolfillingup';

/** Deterministic noise in [-amplitude, amplitude], changing every 15 minutes (services come and go). */
function jitter(seed: number, amplitude: number): (minute: number) => number {
  const blocks: number[] = [];
  let state = seed;
  for (let i = 0; i <= MINUTES / 15; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    blocks.push((state % (2 * amplitude + 1)) - amplitude);
  }
  return (minute) => blocks[Math.floor(minute / 15)]!;
}

/** Test environments on weekdays: 25 addresses taken 09:00-12:00, held, released 17:00-19:00. */
function officeHours(minute: number, peak: number): number {
  const day = Math.floor(minute / 1440);
  const m = minute % 1440;
  if (day >= 5) return 0;
  if (m < 540 || m >= 1140) return 0;
  if (m < 720) return Math.floor((peak * (m - 540)) / 180);
  if (m < 1020) return peak;
  return peak - Math.floor((peak * (m - 1020)) / 120);
}

const MIGRATION_START = 5 * 1440 + 720; // Saturday 12:00: a migration starts creating a service every 10 minutes

/** Usage of the pool that runs out: slow growth, office churn, then the migration until nothing is left. */
function ciInUse(minute: number, noise: (m: number) => number): number {
  if (minute < MIGRATION_START) return 60 + Math.floor((12 * minute) / 1440) + officeHours(minute, 20) + noise(minute);
  const atStart = 60 + Math.floor((12 * MIGRATION_START) / 1440);
  return Math.min(USABLE, atStart + Math.floor((minute - MIGRATION_START) / 10));
}

function available(inUse: (minute: number) => number): string {
  return Array.from({ length: MINUTES / STEP + 1 }, (_, i) => String(USABLE - inUse(i * STEP))).join(' ');
}

function labels(pool: string): string {
  return `job="poolwatch",instance="pw:9742",cluster="east",pool="${pool}",family="ipv4"`;
}

function pools(names: Record<string, (minute: number) => number>) {
  return Object.entries(names).flatMap(([pool, inUse]) => [
    { series: `poolwatch_pool_addresses{${labels(pool)}}`, values: `${USABLE}x${MINUTES / STEP}` },
    { series: `poolwatch_pool_addresses_available{${labels(pool)}}`, values: available(inUse) },
  ]);
}

/** Go's %.4g, as humanizePercentage prints it. */
function percent(availableAddresses: number): string {
  return `${Number(((availableAddresses / USABLE) * 100).toPrecision(4))}%`;
}

function firing(severity: 'warning' | 'critical', pool: string, free: number) {
  const horizon = severity === 'warning' ? '24h' : '4h';
  return {
    exp_labels: { severity, job: 'poolwatch', instance: 'pw:9742', cluster: 'east', pool, family: 'ipv4' },
    exp_annotations: {
      summary: `A MetalLB address pool is predicted to run out of addresses within ${horizon}.`,
      description: `Address pool ${pool} (ipv4) in cluster east has only ${percent(free)} of its addresses free and, at the allocation rate of the last 6h, runs out within ${horizon}.`,
      runbook_url: RUNBOOK,
    },
  };
}

test('a week of history: churn, noise and decommissioning never forecast; a migration is forecast before the pool runs out', async () => {
  const office = jitter(7, 1);
  const steadyNoise = jitter(11, 2);
  const shrinkNoise = jitter(13, 1);
  const ciNoise = jitter(17, 1);
  const quiet = pools({
    // 100 used plus 25 at office hours: half the pool stays free, the ratio gate holds.
    office: (m) => 100 + officeHours(m, 25) + office(m),
    // only 60 free (23%), so the gate is open, but the level only wobbles: no trend, no forecast.
    steady: (m) => USABLE - 60 + steadyNoise(m),
    // decommissioning: from 26 to 106 free over the week, one service every two hours.
    shrinking: (m) => 230 - Math.floor(m / 126) + shrinkNoise(m),
  });
  // Every hour of the week after the first lookback: nothing fires for these pools.
  const hourly = Array.from({ length: 168 - 6 + 1 }, (_, i) => ({ eval_time: `${i + 6}h`, alertname: 'MetalLBPoolFillingUp', exp_alerts: [] }));

  const hour = (h: number) => MIGRATION_START / 60 + h; // hours since Monday 00:00
  const free = (h: number) => USABLE - ciInUse(Math.round(hour(h) * 60), ciNoise);
  const at = (h: number) => `${Math.round(hour(h) * 60)}m`;
  // The migration takes 6 addresses an hour from 130 free: under 40% free after 4h40m, under 24 free (empty within 4h,
  // and under 20%) after 17h50m, nothing left after 21h40m. Each alert fires one hour (`for`) after its conditions hold.
  const growth = [
    { eval_time: at(4), alertname: 'MetalLBPoolFillingUp', exp_alerts: [] },
    { eval_time: at(8), alertname: 'MetalLBPoolFillingUp', exp_alerts: [firing('warning', 'ci', free(8))] },
    { eval_time: at(18), alertname: 'MetalLBPoolFillingUp', exp_alerts: [firing('warning', 'ci', free(18))] },
    { eval_time: at(19.5), alertname: 'MetalLBPoolFillingUp', exp_alerts: [firing('warning', 'ci', free(19.5)), firing('critical', 'ci', free(19.5))] },
    { eval_time: at(22.5), alertname: 'MetalLBPoolFillingUp', exp_alerts: [] },
    {
      eval_time: at(22.5),
      alertname: 'MetalLBPoolExhausted',
      exp_alerts: [
        {
          exp_labels: { severity: 'critical', job: 'poolwatch', instance: 'pw:9742', cluster: 'east', pool: 'ci', family: 'ipv4' },
          exp_annotations: {
            summary: 'A MetalLB address pool has no free address left.',
            description: 'Address pool ci (ipv4) in cluster east has no free address. New LoadBalancer services that need this family from this pool stay pending.',
            runbook_url: 'https://github.com/poolwatch/poolwatch/blob/main/docs/runbook.md#metallbpoolexhausted',
          },
        },
      ],
    },
  ];
  assert.deepEqual([free(4), free(8), free(18), free(19.5), free(22.5)], [106, 82, 22, 13, 0], 'the constructed history');

  const dir = tempDir('forecast-week');
  writeRuleFile(dir, 'poolwatch-rules.yaml', DEFAULT_CONFIG);
  const groups = {
    'quiet-week.test.yaml': { name: 'office churn, noise and decommissioning over a week', input_series: quiet, alert_rule_test: hourly },
    'migration-week.test.yaml': { name: 'slow growth, then a migration exhausts the pool', input_series: pools({ ci: (m) => ciInUse(m, ciNoise) }), alert_rule_test: growth },
  };
  for (const [name, group] of Object.entries(groups)) {
    const file = { rule_files: ['poolwatch-rules.yaml'], evaluation_interval: `${STEP}m`, tests: [{ interval: `${STEP}m`, ...group }] };
    writeFileSync(join(dir, name), stringify(file, { lineWidth: 0 }));
  }
  // Two files, two promtool processes side by side: each replays the whole week.
  const results = await Promise.all(Object.keys(groups).map((name) => runToolAsync(PROMTOOL, ['test', 'rules', name], dir)));
  for (const result of results) {
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /SUCCESS/);
  }
});
