// The metric families against a hand-built report: values, compat names, --no-service-metrics, promtool, golden text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { silentLogger } from '../../../src/log.ts';
import { createApp } from '../../../src/server/app.ts';
import { MetricsExporter } from '../../../src/server/metrics/exporter.ts';
import type { ScrapeContext } from '../../../src/core/metrics/family.ts';
import { PendingTracker } from '../../../src/core/metrics/pending-tracker.ts';
import { assertGolden } from '../../support/golden.ts';
import { sampleReport } from '../../support/sample-report.ts';
import { bodyText } from '../../support/serve.ts';

const golden = (name: string) => join(import.meta.dirname, '..', '..', 'golden', 'metrics', name);

function context(): ScrapeContext {
  const report = sampleReport();
  const tracker = new PendingTracker();
  tracker.observe(report);
  return {
    report,
    health: { source: 'kube', up: true, ready: true, lastSyncMs: 1_763_719_200_000, restarts: { Service: 2, IPAddressPool: 0 }, notes: [] },
    counters: { eventsApplied: new Map([['Service', 40], ['IPAddressPool', 2]]), allocationFailures: tracker.counts },
    build: { version: '0.1.0', nodeVersion: 'v20.0.0' },
  };
}

/** Value of one series in exposition text, or undefined. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('native families carry exact values and escape label values', async () => {
  const text = await new MetricsExporter({ compat: false, serviceMetrics: true, processMetrics: false }).render(context());
  assert.equal(value(text, 'poolwatch_pool_addresses{pool="default",family="ipv6"}'), 2 ** 64);
  assert.match(text, /^poolwatch_pool_addresses\{pool="default",family="ipv6"\} 18446744073709552000$/m);
  assert.equal(value(text, 'poolwatch_pool_addresses_in_use{pool="default",family="ipv4"}'), 3);
  assert.equal(value(text, 'poolwatch_pool_addresses_available{pool="small",family="ipv4"}'), 0);
  assert.equal(value(text, 'poolwatch_pool_addresses{pool="small",family="ipv6"}'), undefined, 'no series for a family the pool lacks');
  assert.equal(value(text, 'poolwatch_pool_info{pool="small",namespace="metallb-system",auto_assign="false",avoid_buggy_ips="true"}'), 1);
  assert.equal(value(text, 'poolwatch_namespace_addresses_in_use{pool="small",namespace="we\\"ird\\\\ns",family="ipv4"}'), 5);
  assert.equal(value(text, 'poolwatch_service_address_info{namespace="shop",service="web",pool="default",ip="fd00:10::"}'), 1);
  assert.equal(value(text, 'poolwatch_service_pending{namespace="shop",service="api",reason="pool-exhausted"}'), 1);
  assert.equal(value(text, 'poolwatch_findings{code="pool-overlap",severity="error"}'), 1);
  assert.equal(value(text, 'poolwatch_pool_overlap_addresses{pool="default",other_pool="small"}'), 6);
  assert.equal(value(text, 'poolwatch_pool_overlap_addresses{pool="small",other_pool="default"}'), 6);
  assert.equal(value(text, 'poolwatch_allocation_failures_total{namespace="shop",reason="pool-exhausted"}'), 1);
  assert.equal(value(text, 'poolwatch_source_up'), 1);
  assert.equal(value(text, 'poolwatch_watch_restarts_total{resource="Service"}'), 2);
  assert.equal(value(text, 'poolwatch_events_applied_total{kind="Service"}'), 40);
  assert.doesNotMatch(text, /^metallb_/m, 'MetalLB names only with --compat=metallb');
  assertGolden(golden('native.prom'), text);
});

test('--compat=metallb adds the guides\' names with correct, never negative values', async () => {
  const text = await new MetricsExporter({ compat: true, serviceMetrics: true, processMetrics: false }).render(context());
  // A /24 plus a /64: MetalLB reports 9223372036854775807 or a negative number here; poolwatch the float64 nearest 2^64 + 256.
  assert.equal(value(text, 'metallb_allocator_addresses_total{pool="default"}'), 2 ** 64 + 256);
  assert.equal(value(text, 'metallb_allocator_ipv6_addresses_total{pool="default"}'), 2 ** 64);
  assert.equal(value(text, 'metallb_allocator_ipv4_addresses_total{pool="default"}'), 256);
  assert.equal(value(text, 'metallb_allocator_addresses_in_use_total{pool="default"}'), 4);
  assert.equal(value(text, 'metallb_allocator_ipv6_addresses_total{pool="small"}'), 0);
  assert.equal(value(text, 'metallb_allocator_ip_addresses_in_use_total{pool="default",namespace="shop",service="web"}'), 2);
  // The pending service asked for pool "small" (it was exhausted): the counter carries the pool, not "".
  assert.equal(value(text, 'metallb_allocator_addresses_errors_total{pool="small"}'), 1);
  assert.equal(value(text, 'metallb_allocator_addresses_errors_total{pool=""}'), undefined);
  for (const line of text.split('\n').filter((l) => l.startsWith('metallb_'))) assert.ok(Number(line.split(' ').at(-1)) >= 0, line);
  assertGolden(golden('compat.prom'), text);
});

test('--no-service-metrics drops the per-service families but keeps pending services', async () => {
  const text = await new MetricsExporter({ compat: true, serviceMetrics: false, processMetrics: false }).render(context());
  assert.doesNotMatch(text, /poolwatch_service_address_info/);
  assert.doesNotMatch(text, /metallb_allocator_ip_addresses_in_use_total/);
  assert.match(text, /^poolwatch_service_pending\{/m);
});

function promtool(text: string): { status: number | null; complaints: string[] } {
  const r = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: r.status, complaints: `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '') };
}

test('the native families pass promtool check metrics', async () => {
  const text = await new MetricsExporter({ compat: false, serviceMetrics: true, processMetrics: false }).render(context());
  assert.deepEqual(promtool(text), { status: 0, complaints: [] });
});

test('process metrics come from their own registry; promtool only objects to prom-client\'s three nodejs_*_total gauges', async () => {
  const text = await new MetricsExporter({ compat: false, serviceMetrics: true }).render(context());
  assert.match(text, /^process_cpu_user_seconds_total /m);
  assert.deepEqual(
    promtool(text).complaints.map((l) => l.split(' ')[0]),
    ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'],
  );
});

test('an allocation failure is counted once per entry into pending', () => {
  const tracker = new PendingTracker();
  const r1 = sampleReport();
  tracker.observe(r1);
  tracker.observe(r1);
  tracker.observe(sampleReport());
  const total = () => [...tracker.counts.values()].reduce((n, c) => n + c.count, 0);
  assert.equal(total(), 1);
  const fixed = sampleReport();
  fixed.services = fixed.services.filter((s) => s.state !== 'pending');
  tracker.observe(fixed);
  tracker.observe(sampleReport());
  assert.equal(total(), 2);
});

test('report families are computed once per report; health families on every scrape', async () => {
  const exporter = new MetricsExporter({ compat: false, serviceMetrics: true, processMetrics: false });
  const ctx = context();
  const first = await exporter.render(ctx);
  assert.equal(value(first, 'poolwatch_source_up'), 1);
  // Same report object, new health: only the live families change.
  const pools = ctx.report.pools;
  ctx.report.pools = [];
  const second = await exporter.render({ ...ctx, health: { ...ctx.health, up: false } });
  assert.equal(value(second, 'poolwatch_source_up'), 0);
  assert.equal(value(second, 'poolwatch_pool_addresses{pool="default",family="ipv4"}'), 256, 'reused for the same report');
  // A new report is computed afresh.
  const third = await exporter.render({ ...ctx, report: { ...ctx.report, pools: pools.slice(1) } });
  assert.equal(value(third, 'poolwatch_pool_addresses{pool="default",family="ipv4"}'), undefined);
  assert.equal(value(third, 'poolwatch_pool_addresses{pool="small",family="ipv4"}'), 5);
});

test('a server without forecasts reuses the report families while the report is the same', async () => {
  const report = sampleReport();
  let reportReads = 0;
  const app = createApp({
    store: () => ({ report: () => (reportReads++, report), eventsApplied: new Map(), onApplied: null }),
    health: () => context().health,
    compat: false,
    serviceMetrics: true,
    processMetrics: false,
    log: silentLogger,
  });
  const first = bodyText((await app.metrics()).body);
  const second = bodyText((await app.metrics()).body);
  assert.ok(reportReads >= 2, 'each scrape reads the report');
  assert.equal(app.exporter.reportRenders, 1, 'the second scrape reuses the text of the first');
  assert.equal(second, first);
});
