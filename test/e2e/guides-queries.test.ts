// Real Prometheus scrapes `serve --compat=metallb` (fixture cluster) and a MetalLB speaker fixture; every guide query is
// evaluated and checked against numbers worked out by hand from test/fixtures/guides-cluster; wrong ones and their fixes too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApiServer } from '../support/fake-apiserver.ts';
import { loadFixture } from '../support/fixture-cluster.ts';
import { freePort, waitFor } from '../support/processes.ts';
import { startPrometheus } from '../support/prometheus.ts';
import { repoRoot, startServe } from '../support/serve.ts';

const TWO_64 = 2 ** 64;

/**
 * A MetalLB speaker/controller stand-in: MetalLB's real metric names and labels, counters growing at fixed rates from t0.
 * The same function of time is backfilled into Prometheus, so rate() over 1m/5m windows sees full windows.
 */
const SLOPES: Record<string, number> = {
  'metallb_bgp_updates_total{peer="192.168.1.1:179"}': 30,
  'metallb_bgp_updates_total{peer="192.168.1.2:179"}': 2,
  'metallb_layer2_requests_received{ip="192.168.10.0"}': 120,
  'metallb_layer2_responses_sent{ip="192.168.10.0"}': 50,
  'rest_client_request_duration_seconds_bucket{le="0.025"}': 2,
  'rest_client_request_duration_seconds_bucket{le="0.1"}': 9,
  'rest_client_request_duration_seconds_bucket{le="0.25"}': 10,
  'rest_client_request_duration_seconds_bucket{le="+Inf"}': 10,
  'rest_client_request_duration_seconds_sum': 0.5,
  'rest_client_request_duration_seconds_count': 10,
};
const CONSTANTS: Record<string, number> = {
  'metallb_bgp_session_up{peer="192.168.1.1:179"}': 1,
  'metallb_bgp_session_up{peer="192.168.1.2:179"}': 0,
  'metallb_bgp_announced_prefixes_total{peer="192.168.1.1:179"}': 3,
  'metallb_bgp_announced_prefixes_total{peer="192.168.1.2:179"}': 0,
  'metallb_speaker_announced{ip="192.168.10.0",node="w1-k8s",protocol="layer2",service="production/web-1"}': 1,
  'metallb_speaker_announced{ip="192.168.10.1",node="w2-k8s",protocol="layer2",service="production/web-2"}': 1,
  'metallb_speaker_announced{ip="10.20.0.0",node="w1-k8s",protocol="bgp",service="production/nginx"}': 1,
  'metallb_k8s_client_config_loaded_bool': 1,
};

function speakerSample(series: string, t: number, t0: number): number {
  return SLOPES[series] !== undefined ? SLOPES[series]! * (t - t0) : CONSTANTS[series]!;
}

type Vector = Array<{ metric: Record<string, string>; value: [number, string] }>;
interface Case {
  /** Where it comes from, e.g. `guide-1 step 2`, or `corrected` for a fix listed in docs/guides.md. */
  from: string;
  expr: string;
  /** Label that keys the expected values ('' for a single series without distinguishing labels). */
  by?: string;
  /** Expected values per key; `tolerance` is relative. */
  want?: Record<string, number>;
  tolerance?: number;
  /** Custom check of the raw result. */
  check?: (result: Vector, at: number) => void;
  /** The expression does not parse (the guide is wrong). */
  parseError?: true;
}

const pools = (default_: number, dual: number, full: number) => ({ default: default_, dual, full });
const ratio = (inUse: number, total: number) => inUse / total;

function cases(t0: number): Case[] {
  const util = { default: (13 / 16) * 100, dual: (2 / TWO_64) * 100, full: 100 };
  return [
    // guide 1: "How to Monitor MetalLB IP Pool Utilization with Prometheus"
    { from: 'guide-1 step 2', expr: 'metallb_allocator_addresses_total', by: 'pool', want: pools(16, TWO_64, 4) },
    { from: 'guide-1 step 2', expr: 'metallb_allocator_addresses_in_use_total', by: 'pool', want: pools(13, 2, 4) },
    { from: 'guide-1 step 2, panels 1 and 3', expr: '(metallb_allocator_addresses_in_use_total/metallb_allocator_addresses_total)*100', by: 'pool', want: util },
    { from: 'guide-1 alert MetalLBPoolUtilizationHigh', expr: '(metallb_allocator_addresses_in_use_total\n/ metallb_allocator_addresses_total) * 100 > 80', by: 'pool', want: { default: util.default, full: 100 } },
    { from: 'guide-1 alert MetalLBPoolNearlyExhausted', expr: '(metallb_allocator_addresses_in_use_total\n/ metallb_allocator_addresses_total) * 100 > 95', by: 'pool', want: { full: 100 } },
    { from: 'guide-1 alert MetalLBPoolExhausted', expr: 'metallb_allocator_addresses_in_use_total\n== metallb_allocator_addresses_total', by: 'pool', want: { full: 4 } },
    { from: 'guide-1 alert MetalLBServicePending', expr: 'kube_service_status_load_balancer_ingress == 0\nand kube_service_spec_type == "LoadBalancer"', parseError: true },
    { from: 'guide-1 panel 2', expr: 'metallb_allocator_addresses_total - metallb_allocator_addresses_in_use_total', by: 'pool', want: pools(3, TWO_64, 0) },
    { from: 'guide-1 panel 4', expr: 'deriv(metallb_allocator_addresses_in_use_total[1h])', by: 'pool', want: pools(0, 0, 0) },
    // guide 2: "MetalLB metrics complete guide"
    { from: 'guide-2 in_use example', expr: 'metallb_allocator_addresses_in_use_total{pool="default"}', by: 'pool', want: { default: 13 } },
    { from: 'guide-2 total example', expr: 'metallb_allocator_addresses_total{pool="default"}', by: 'pool', want: { default: 16 } },
    { from: 'guide-2 per-service example', expr: 'sum(metallb_allocator_ip_addresses_in_use_total{namespace="production"})', by: '', want: { '': 10 } },
    { from: 'guide-2 per-service example', expr: 'metallb_allocator_ip_addresses_in_use_total{service="nginx"}', by: 'service', want: { nginx: 2 } },
    { from: 'guide-2 errors example', expr: 'rate(metallb_allocator_addresses_errors_total[5m])', check: positiveRate },
    { from: 'guide-2 errors example', expr: 'sum(metallb_allocator_addresses_errors_total)', by: '', want: { '': 2 } },
    { from: 'guide-2 BGP', expr: 'metallb_bgp_session_up', by: 'peer', want: { '192.168.1.1:179': 1, '192.168.1.2:179': 0 } },
    { from: 'guide-2 BGP, alert MetalLBBGPSessionDown', expr: 'metallb_bgp_session_up == 0', by: 'peer', want: { '192.168.1.2:179': 0 } },
    { from: 'guide-2 BGP, panel 4', expr: 'sum(metallb_bgp_session_up)', by: '', want: { '': 1 } },
    { from: 'guide-2 BGP', expr: 'rate(metallb_bgp_updates_total[5m])', by: 'peer', want: { '192.168.1.1:179': 30, '192.168.1.2:179': 2 }, tolerance: 0.02 },
    { from: 'guide-2 BGP', expr: 'sum(metallb_bgp_updates_total) by (peer)', check: (r, at) => counterNear(r, at, t0, { '192.168.1.1:179': 30, '192.168.1.2:179': 2 }) },
    { from: 'guide-2 BGP', expr: 'metallb_bgp_announced_prefixes_total', by: 'peer', want: { '192.168.1.1:179': 3, '192.168.1.2:179': 0 } },
    { from: 'guide-2 BGP (peer without port: wrong)', expr: 'metallb_bgp_announced_prefixes_total{peer="192.168.1.1"}', want: {} },
    { from: 'guide-2 L2', expr: 'metallb_speaker_announced{protocol="layer2"}', by: 'service', want: { 'production/web-1': 1, 'production/web-2': 1 } },
    { from: 'guide-2 L2', expr: 'metallb_speaker_announced{node="w1-k8s"}', by: 'service', want: { 'production/web-1': 1, 'production/nginx': 1 } },
    { from: 'guide-2 L2 (wrong name)', expr: 'rate(metallb_layer2_requests_received_total[1m])', want: {} },
    { from: 'guide-2 L2 (wrong name)', expr: 'rate(metallb_layer2_requests_received_total[1m]) > 100', want: {} },
    { from: 'guide-2 L2 (wrong name)', expr: 'rate(metallb_layer2_responses_sent_total[1m]) /\nrate(metallb_layer2_requests_received_total[1m])', want: {} },
    { from: 'guide-2 config', expr: 'metallb_k8s_client_config_loaded_bool == 0', want: {} },
    { from: 'guide-2 (metric does not exist)', expr: 'rate(metallb_k8s_client_api_duration_seconds_sum[5m]) /\nrate(metallb_k8s_client_api_duration_seconds_count[5m])', want: {} },
    { from: 'guide-2 (metric does not exist)', expr: 'histogram_quantile(0.95,\n  rate(metallb_k8s_client_api_duration_seconds_bucket[5m])\n)', want: {} },
    { from: 'guide-2 dashboard graph (a range vector)', expr: 'metallb_allocator_addresses_in_use_total[1h]', check: (r) => rangeConstant(r, pools(13, 2, 4)) },
    { from: 'guide-2 dashboard', expr: 'sum(metallb_allocator_ip_addresses_in_use_total) by (namespace)', by: 'namespace', want: { production: 10, staging: 5, ops: 4 } },
    { from: 'guide-2 dashboard', expr: 'topk(5,\n  sum(metallb_allocator_ip_addresses_in_use_total) by (service, namespace)\n)', check: topFive },
    { from: 'guide-2 BGP monitoring', expr: 'ALERTS{alertname="MetalLBBGPSessionDown"}', by: 'peer', want: { '192.168.1.2:179': 1 } },
    { from: 'guide-2 BGP monitoring', expr: 'rate(metallb_bgp_updates_total[5m]) > 10', by: 'peer', want: { '192.168.1.1:179': 30 }, tolerance: 0.02 },
    { from: 'guide-2 L2 (wrong name)', expr: 'rate(metallb_layer2_requests_received_total[1m]) -\nrate(metallb_layer2_responses_sent_total[1m])', want: {} },
    { from: 'guide-2 alert MetalLBIPPoolNearlyExhausted', expr: '(metallb_allocator_addresses_in_use_total /\n metallb_allocator_addresses_total) > 0.8', by: 'pool', want: { default: 13 / 16, full: 1 } },
    { from: 'guide-2 alert MetalLBIPPoolExhausted', expr: '(metallb_allocator_addresses_in_use_total /\n metallb_allocator_addresses_total) >= 0.95', by: 'pool', want: { full: 1 } },
    { from: 'guide-2 alert MetalLBIPAllocationFailure', expr: 'rate(metallb_allocator_addresses_errors_total[5m]) > 0', check: positiveRate },
    { from: 'guide-2 alert MetalLBBGPFlapping', expr: 'rate(metallb_bgp_updates_total[5m]) > 20', by: 'peer', want: { '192.168.1.1:179': 30 }, tolerance: 0.02 },
    { from: 'guide-2 alert MetalLBARPResponseFailure (wrong name)', expr: 'rate(metallb_layer2_responses_sent_total[1m]) <\n(rate(metallb_layer2_requests_received_total[1m]) * 0.5)', want: {} },
    { from: 'guide-2 advanced', expr: '{__name__=~"metallb_.*"}', check: (r) => names(r, [...COMPAT_NAMES, ...SPEAKER_NAMES]) },
    { from: 'guide-2 advanced', expr: '{__name__=~"metallb_allocator.*"}', check: (r) => names(r, COMPAT_NAMES) },
    { from: 'guide-2 advanced', expr: '{__name__=~"metallb_bgp.*"}', check: (r) => names(r, ['metallb_bgp_announced_prefixes_total', 'metallb_bgp_session_up', 'metallb_bgp_updates_total']) },
    { from: 'guide-2 advanced', expr: '{__name__=~"metallb_layer2.*"}', check: (r) => names(r, ['metallb_layer2_requests_received', 'metallb_layer2_responses_sent']) },
    { from: 'guide-2 advanced', expr: 'max_over_time(metallb_allocator_addresses_in_use_total[24h])', by: 'pool', want: pools(13, 2, 4) },
    { from: 'guide-2 advanced', expr: 'avg_over_time(metallb_allocator_addresses_in_use_total[1h])', by: 'pool', want: pools(13, 2, 4) },
    { from: 'guide-2 advanced (rate of a gauge: wrong)', expr: 'rate(metallb_allocator_addresses_in_use_total[1h]) * 3600', by: 'pool', want: pools(0, 0, 0) },

    // The corrected forms given in docs/guides.md (section "Queries").
    { from: 'corrected', expr: 'poolwatch_service_pending == 1', by: 'service', want: { api: 1, late: 1 } },
    { from: 'corrected', expr: 'metallb_bgp_announced_prefixes_total{peer=~"192.168.1.1(:[0-9]+)?"}', by: 'peer', want: { '192.168.1.1:179': 3 } },
    { from: 'corrected', expr: 'count by (node) (metallb_speaker_announced{protocol="layer2"})', by: 'node', want: { 'w1-k8s': 1, 'w2-k8s': 1 } },
    { from: 'corrected', expr: 'rate(metallb_layer2_requests_received[1m])', by: 'ip', want: { '192.168.10.0': 120 }, tolerance: 0.02 },
    { from: 'corrected', expr: 'rate(metallb_layer2_requests_received[1m]) > 100', by: 'ip', want: { '192.168.10.0': 120 }, tolerance: 0.02 },
    { from: 'corrected', expr: 'rate(metallb_layer2_responses_sent[1m]) / rate(metallb_layer2_requests_received[1m])', by: 'ip', want: { '192.168.10.0': 50 / 120 }, tolerance: 0.001 },
    { from: 'corrected', expr: 'rate(metallb_layer2_requests_received[1m]) - rate(metallb_layer2_responses_sent[1m])', by: 'ip', want: { '192.168.10.0': 70 }, tolerance: 0.02 },
    { from: 'corrected', expr: 'rate(metallb_layer2_responses_sent[1m]) < (rate(metallb_layer2_requests_received[1m]) * 0.5)', by: 'ip', want: { '192.168.10.0': 50 }, tolerance: 0.02 },
    { from: 'corrected', expr: 'sum(rate(rest_client_request_duration_seconds_sum[5m])) / sum(rate(rest_client_request_duration_seconds_count[5m]))', by: '', want: { '': 0.05 }, tolerance: 0.001 },
    { from: 'corrected', expr: 'histogram_quantile(0.95, sum by (le) (rate(rest_client_request_duration_seconds_bucket[5m])))', by: '', want: { '': 0.175 }, tolerance: 0.001 },
    { from: 'corrected', expr: 'metallb_allocator_ipv4_addresses_in_use_total / metallb_allocator_ipv4_addresses_total', by: 'pool', want: { default: ratio(13, 16), dual: ratio(1, 4), full: 1 } },
    { from: 'corrected', expr: 'max by (pool, family) (poolwatch_pool_addresses_in_use / poolwatch_pool_addresses)', check: (r) => byTwo(r, { 'default/ipv4': 13 / 16, 'dual/ipv4': 1 / 4, 'dual/ipv6': 1 / TWO_64, 'full/ipv4': 1 }) },
    { from: 'corrected', expr: 'delta(metallb_allocator_addresses_in_use_total[1h])', by: 'pool', want: pools(0, 0, 0) },
    { from: 'corrected', expr: 'deriv(metallb_allocator_addresses_in_use_total[1h]) * 3600', by: 'pool', want: pools(0, 0, 0) },
    { from: 'corrected', expr: 'count by (namespace) (poolwatch_service_pending) > 0', by: 'namespace', want: { production: 1, staging: 1 } },
  ];
}

const COMPAT_NAMES = [
  'metallb_allocator_addresses_errors_total',
  'metallb_allocator_addresses_in_use_total',
  'metallb_allocator_addresses_total',
  'metallb_allocator_ip_addresses_in_use_total',
  'metallb_allocator_ipv4_addresses_in_use_total',
  'metallb_allocator_ipv4_addresses_total',
  'metallb_allocator_ipv6_addresses_in_use_total',
  'metallb_allocator_ipv6_addresses_total',
];
const SPEAKER_NAMES = [
  'metallb_bgp_announced_prefixes_total',
  'metallb_bgp_session_up',
  'metallb_bgp_updates_total',
  'metallb_k8s_client_config_loaded_bool',
  'metallb_layer2_requests_received',
  'metallb_layer2_responses_sent',
  'metallb_speaker_announced',
];

function positiveRate(r: Vector): void {
  // One service became pending during the test (and one was pending from the start): the counter moved inside the window.
  assert.equal(r.length, 1, JSON.stringify(r));
  assert.ok(Number(r[0]!.value[1]) > 0, JSON.stringify(r));
}

function counterNear(r: Vector, at: number, t0: number, slopes: Record<string, number>): void {
  assert.deepEqual(r.map((s) => s.metric['peer']).sort(), Object.keys(slopes).sort());
  for (const s of r) {
    const slope = slopes[s.metric['peer']!]!;
    // The newest sample is at most a few scrape intervals before `at`.
    const v = Number(s.value[1]);
    assert.ok(v <= slope * (at - t0) + 1e-6 && v >= slope * (at - 5 - t0), `${s.metric['peer']}: ${v}`);
  }
}

function rangeConstant(r: unknown, want: Record<string, number>): void {
  const m = r as Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;
  assert.deepEqual(m.map((s) => s.metric['pool']).sort(), Object.keys(want).sort());
  for (const s of m) {
    assert.ok(s.values.length >= 2);
    for (const [, v] of s.values) assert.equal(Number(v), want[s.metric['pool']!]);
  }
}

function topFive(r: Vector): void {
  assert.equal(r.length, 5);
  const values = r.map((s) => Number(s.value[1])).sort((a, b) => b - a);
  assert.deepEqual(values, [2, 1, 1, 1, 1]);
  assert.ok(r.some((s) => s.metric['service'] === 'nginx' && s.value[1] === '2'));
}

function names(r: Vector, expected: string[]): void {
  assert.deepEqual([...new Set(r.map((s) => s.metric['__name__']))].sort(), [...expected].sort());
}

function byTwo(r: Vector, want: Record<string, number>): void {
  const got = Object.fromEntries(r.map((s) => [`${s.metric['pool']}/${s.metric['family']}`, Number(s.value[1])]));
  assert.deepEqual(got, want);
}

function checkCase(c: Case, result: Vector, at: number): void {
  if (c.check) return c.check(result, at);
  const key = c.by ?? '';
  const got: Record<string, number> = {};
  for (const s of result) got[key === '' ? '' : (s.metric[key] ?? '')] = Number(s.value[1]);
  assert.deepEqual(Object.keys(got).sort(), Object.keys(c.want ?? {}).sort(), `${c.expr}: ${JSON.stringify(result)}`);
  for (const [k, want] of Object.entries(c.want ?? {})) {
    const v = got[k]!;
    if (c.tolerance) assert.ok(Math.abs(v - want) <= Math.abs(want) * c.tolerance, `${c.expr} {${k}}: ${v}, want ${want}`);
    else assert.equal(v, want, `${c.expr} {${k}}`);
  }
}

test('every query of the two guides, and every corrected form, against poolwatch --compat=metallb', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-guides-'));
  const fake = await startFakeApiServer();
  loadFixture(fake, join(repoRoot, 'test', 'fixtures', 'guides-cluster'));
  writeFileSync(join(dir, 'kubeconfig'), fake.kubeconfig());

  // The MetalLB stand-in, live from now on, backfilled for the 30 minutes before (with the labels the scrape adds).
  const now = Math.floor(Date.now() / 1000);
  const t0 = now - 1800;
  const series = [...Object.keys(SLOPES), ...Object.keys(CONSTANTS)].sort();
  const speaker = createServer((_req, res) => {
    const t = Date.now() / 1000;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(series.map((s) => `${s} ${speakerSample(s, t, t0)}`).join('\n') + '\n');
  });
  const speakerPort = await freePort();
  await new Promise<void>((r) => speaker.listen(speakerPort, '127.0.0.1', () => r()));
  const scrapeLabels = `job="metallb-speaker",instance="127.0.0.1:${speakerPort}"`;
  const om: string[] = [];
  for (const s of series) {
    const labelled = s.includes('{') ? s.replace('{', `{${scrapeLabels},`) : `${s}{${scrapeLabels}}`;
    for (let t = t0; t <= now - 2; t++) om.push(`${labelled} ${speakerSample(s, t, t0)} ${t}`);
  }
  om.push('# EOF');
  writeFileSync(join(dir, 'history.om'), `${om.join('\n')}\n`);
  execFileSync('/usr/bin/promtool', ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'history.om'), join(dir, 'data')], { stdio: 'ignore' });

  // guide 2's BGP alert, loaded as written, so its ALERTS query has something to show.
  writeFileSync(join(dir, 'rules.yml'), 'groups:\n- name: guide-2\n  rules:\n  - alert: MetalLBBGPSessionDown\n    expr: |\n      metallb_bgp_session_up == 0\n    for: 2m\n    labels:\n      severity: critical\n');

  const serve = await startServe(['--source', 'kube', '--compat', 'metallb', '--log-level', 'warn'], { KUBECONFIG: join(dir, 'kubeconfig') }, 120_000);
  const prom = await startPrometheus({
    dataDir: join(dir, 'data'),
    config: [
      'global: {scrape_interval: 1s, evaluation_interval: 1s}',
      `rule_files: [${join(dir, 'rules.yml')}]`,
      'scrape_configs:',
      `- job_name: poolwatch\n  static_configs: [{targets: ['127.0.0.1:${serve.port}']}]`,
      `- job_name: metallb-speaker\n  static_configs: [{targets: ['127.0.0.1:${speakerPort}']}]`,
      '',
    ].join('\n'),
  });
  try {
    await waitFor('three scrapes of poolwatch', async () => {
      const r = await prom.query('count_over_time(metallb_allocator_addresses_total{pool="default"}[1m])');
      return r.length > 0 && Number(r[0]!.value[1]) >= 3 ? true : undefined;
    }, 40_000, 250);
    // A service that cannot get an address arrives while Prometheus watches: the failure counters move.
    fake.apply('services', {
      metadata: { namespace: 'staging', name: 'late', annotations: { 'metallb.io/address-pool': 'full' } },
      spec: { type: 'LoadBalancer', clusterIP: '10.96.0.200', ports: [{ port: 80, protocol: 'TCP' }] },
      status: { loadBalancer: {} },
    });
    await waitFor('the new failure scraped twice', async () => {
      const r = await prom.query('count_over_time((sum(metallb_allocator_addresses_errors_total) == 2)[1m:1s])');
      return r.length > 0 && Number(r[0]!.value[1]) >= 2 ? true : undefined;
    }, 30_000, 250);
    await waitFor('the guide\'s alert pending', async () => ((await prom.query('ALERTS{alertname="MetalLBBGPSessionDown"}')).length > 0 ? true : undefined), 20_000, 250);

    const docs = readFileSync(join(repoRoot, 'docs', 'guides.md'), 'utf8');
    const failures: string[] = [];
    let evaluated = 0;
    for (const c of cases(t0)) {
      if (c.from === 'corrected' && !docs.includes(c.expr)) failures.push(`docs/guides.md does not list the corrected form ${c.expr}`);
      const at = Date.now() / 1000;
      const res = await fetch(`${prom.url}/api/v1/query?${new URLSearchParams({ query: c.expr, time: String(at) })}`);
      const body = (await res.json()) as { status: string; errorType?: string; error?: string; data?: { result: Vector } };
      try {
        if (c.parseError) {
          assert.equal(body.errorType, 'bad_data', `${c.expr} should not parse`);
          assert.match(body.error ?? '', /parse error/);
        } else {
          assert.equal(body.status, 'success', `${c.expr}: ${body.error}`);
          checkCase(c, body.data!.result, at);
        }
        evaluated++;
      } catch (err) {
        failures.push(`${c.from}: ${(err as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(evaluated, cases(t0).length);
    // The /64 is exactly 2^64 in Prometheus (printed as the shortest decimal of that float64), never 9.2e18, never negative.
    const dual = await prom.query('metallb_allocator_ipv6_addresses_total{pool="dual"}');
    assert.equal(dual[0]?.value[1], '18446744073709552000');
    assert.equal(BigInt(Number(dual[0]!.value[1])), 18446744073709551616n);
    assert.deepEqual(await prom.query('{__name__=~"metallb_allocator.*|poolwatch_pool.*"} < 0'), []);
  } finally {
    await prom.stop();
    await serve.stop();
    speaker.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
