// Two clusters aggregated two ways (a federating Prometheus, remote write into VictoriaMetrics): the dashboard and the
// rules of the monitoring bundle see each cluster apart, with its own values and alerts, also when one poolwatch stops.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/generate/config.ts';
import { dashboardExpressions, generateDashboard } from '../../src/core/generate/dashboard/index.ts';
import { fastRulesConfig, tempDir, writeRuleFile } from '../support/monitoring-bundle.ts';
import { startMultiCluster, type RunningMultiCluster } from '../support/multi-cluster.ts';
import { waitFor } from '../support/processes.ts';
import { activeAlerts, type ActiveAlert, type InstantSample } from '../support/prometheus.ts';
import { repoRoot } from '../support/serve.ts';

const EAST = 'east';
const WEST = 'west';
// The shipped rules with every `for` at 1s, so the alerts fire within the test; the expressions are unchanged.
const RULES_CONFIG = fastRulesConfig();
const DEADLINE_MS = 60_000;

// Both fixtures have pools tiny and busy and a pending team-a/late, with other figures: merged clusters would show.
const ALERTS_BOTH_UP = [
  `${EAST} MetalLBPoolExhausted tiny ipv4`,
  `${EAST} MetalLBPoolNearlyExhausted tiny ipv4`,
  `${EAST} MetalLBPoolUtilizationHigh busy ipv4`,
  `${EAST} MetalLBPoolUtilizationHigh tiny ipv4`,
  `${EAST} MetalLBServicePending team-a/late pool-exhausted`,
  `${WEST} MetalLBPoolUtilizationHigh busy ipv4`,
  `${WEST} MetalLBServicePending team-a/late unknown-pool`,
];
const ALERTS_WEST_STOPPED = [...ALERTS_BOTH_UP.filter((a) => a.startsWith(`${EAST} `)), `${WEST} MetalLBPoolwatchAbsent`];

/** One line per firing alert: cluster, name and the labels that tell its subject. */
function describeAlerts(alerts: ActiveAlert[]): string[] {
  return alerts
    .filter((a) => a.state === 'firing')
    .map((a) => {
      const l = a.labels;
      const service = l['service'] ? `${l['namespace']}/${l['service']}` : undefined;
      return [l['cluster'] ?? '(no cluster)', l['alertname'], l['pool'], l['family'], service, l['reason']].filter(Boolean).join(' ');
    })
    .sort();
}

/** A result as comparable text: each series' labels (without the metric name) and value, sorted. */
function seriesSet(samples: InstantSample[], drop: string[] = []): string[] {
  return samples
    .map((s) => {
      const labels = Object.entries(s.metric).filter(([k]) => k !== '__name__' && !drop.includes(k)).sort(([a], [b]) => a.localeCompare(b));
      return `${labels.map(([k, v]) => `${k}=${v}`).join(',')} ${s.value[1]}`;
    })
    .sort();
}

// Grafana's variables at "All", and a rate window that fits 1 s scrapes.
const concrete = (expr: string) => expr.replaceAll('$__rate_interval', '1m').replaceAll('$cluster', '.*').replaceAll('$pool', '.*');
const expressions = dashboardExpressions(generateDashboard(DEFAULT_CONFIG)).map((e) => ({ panel: e.panel, expr: concrete(e.expr) }));
// Panels that must show both clusters with these fixtures (the others read MetalLB's BGP, BFD and layer-2 series, or
// forecasts of filling pools, which these static clusters do not have).
const PANELS_WITH_DATA = [
  'Utilization by pool and family A',
  'Addresses left A',
  'Pending services A',
  'Utilization over time A',
  'Allocation rate (addresses per hour) A',
  'Addresses in use per namespace A',
  'Pending services and reasons A',
  'Findings A',
  // Every held address has an announcement state (here `unknown`: these clusters have no MetalLB status objects).
  'Services by announcement state A',
  'Configuration state A',
  'Configuration state B',
  'variable cluster',
  'variable pool',
];

describe('two clusters, federated and remote-written', () => {
  let fleet: RunningMultiCluster;
  const dir = tempDir('multi-cluster');
  before(async () => {
    const ruleFile = writeRuleFile(dir, 'poolwatch-rules.yaml', RULES_CONFIG);
    fleet = await startMultiCluster({
      clusters: [
        { name: EAST, paths: [join(repoRoot, 'test/fixtures/exhausted-pool')] },
        { name: WEST, paths: [join(repoRoot, 'test/fixtures/multi-cluster/west')] },
      ],
      ruleFile,
    });
  });
  after(async () => {
    await fleet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const stores = () => [
    { name: 'federating Prometheus', query: fleet.federation.query },
    { name: 'VictoriaMetrics', query: fleet.victoriaMetrics.query },
  ];

  /** For every dashboard expression: the series the store returns for each cluster, and what that cluster's own Prometheus returns. */
  async function compare(query: (expr: string) => Promise<InstantSample[]>) {
    const out: Array<{ panel: string; clusters: string[]; central: Record<string, string[]>; local: Record<string, string[]> }> = [];
    for (const { panel, expr } of expressions) {
      const central = await query(expr);
      const clusters = [...new Set(central.map((s) => s.metric['cluster'] ?? '(no cluster)'))].sort();
      const perCluster: Record<string, string[]> = {};
      const local: Record<string, string[]> = {};
      for (const c of fleet.clusters) {
        perCluster[c.name] = seriesSet(central.filter((s) => s.metric['cluster'] === c.name), ['cluster']);
        local[c.name] = seriesSet(await c.prometheus.query(expr));
      }
      out.push({ panel, clusters, central: perCluster, local });
    }
    return out;
  }

  test('every dashboard query returns one series set per cluster, equal to that cluster\'s own', async () => {
    for (const store of stores()) {
      const settled = (rows: Awaited<ReturnType<typeof compare>>) =>
        rows.every((r) => JSON.stringify(r.central) === JSON.stringify(r.local)) &&
        PANELS_WITH_DATA.every((p) => JSON.stringify(rows.find((r) => r.panel === p)?.clusters) === JSON.stringify([EAST, WEST]));
      let rows = await compare(store.query);
      await waitFor(`${store.name} to hold both clusters`, async () => {
        rows = await compare(store.query);
        return settled(rows) ? true : undefined;
      }, DEADLINE_MS).catch(() => undefined);
      for (const row of rows) {
        assert.deepEqual(row.central, row.local, `${store.name}: ${row.panel}`);
        if (PANELS_WITH_DATA.includes(row.panel)) assert.deepEqual(row.clusters, [EAST, WEST], `${store.name}: ${row.panel}`);
        else assert.deepEqual(row.clusters, [], `${store.name}: ${row.panel} has data these clusters do not make`);
      }
      assert.deepEqual(rows.map((r) => r.panel).filter((p) => PANELS_WITH_DATA.includes(p)).sort(), [...PANELS_WITH_DATA].sort());
    }
  });

  test('the values are each cluster\'s own: utilization and pending counts as poolwatch reports them', async () => {
    const utilization = expressions.find((e) => e.panel === 'Utilization by pool and family A')!.expr;
    const pending = expressions.find((e) => e.panel === 'Pending services A')!.expr;
    for (const store of stores()) {
      const byCluster = seriesSet(await store.query(utilization), ['job', 'instance']);
      const pendingByCluster = seriesSet(await store.query(pending));
      const expected: string[] = [];
      const expectedPending: string[] = [];
      for (const c of fleet.clusters) {
        const report = JSON.parse((await c.serve.get('/api/v1/status')).text) as {
          pools: Array<{ name: string; ipv4: { total: string; inUse: string } | null }>;
          summary: { services: { pending: number } };
        };
        for (const pool of report.pools) {
          if (pool.ipv4) expected.push(`cluster=${c.name},family=ipv4,pool=${pool.name} ${Number(pool.ipv4.inUse) / Number(pool.ipv4.total)}`);
        }
        expectedPending.push(`cluster=${c.name} ${report.summary.services.pending}`);
      }
      assert.deepEqual(byCluster, expected.sort(), store.name);
      assert.deepEqual(pendingByCluster, expectedPending.sort(), store.name);
    }
  });

  test('the shipped rules raise exactly each cluster\'s alerts, on the central Prometheus and in vmalert', async () => {
    // MetricsQL's increase() counts a counter's first sample from zero (Prometheus' skips it), so over
    // VictoriaMetrics the pending services poolwatch counted at start-up are allocation failures within the window,
    // also after the series went stale (the samples stay in the window).
    const startupFailures = [`${EAST} MetalLBAllocationFailures pool-exhausted`, `${WEST} MetalLBAllocationFailures unknown-pool`];
    const rulers = [
      { name: 'federating Prometheus', alerts: () => activeAlerts(fleet.federation.url), extra: [] },
      { name: 'vmalert over VictoriaMetrics', alerts: () => fleet.vmalert!.alerts(), extra: startupFailures },
    ];
    await expectAlerts(rulers, ALERTS_BOTH_UP);
    // A cluster's poolwatch stops: its Prometheus keeps the target (now down); the other cluster goes on.
    await fleet.cluster(WEST).stopPoolwatch();
    await expectAlerts(rulers, ALERTS_WEST_STOPPED);
    for (const ruler of rulers) {
      const absent = (await ruler.alerts()).filter((a) => a.labels['alertname'] === 'MetalLBPoolwatchAbsent');
      assert.deepEqual(
        absent.map((a) => a.annotations['description']),
        [`No poolwatch target (job="poolwatch") has been up in cluster ${WEST} for 1s. Pool capacity, forecast and pending-service alerts there are blind until it is back.`],
        ruler.name,
      );
    }
  });
});

async function expectAlerts(rulers: Array<{ name: string; alerts: () => Promise<ActiveAlert[]>; extra: string[] }>, common: string[]): Promise<void> {
  for (const ruler of rulers) {
    const expected = [...common, ...ruler.extra].sort();
    let seen = describeAlerts(await ruler.alerts());
    await waitFor(`${ruler.name} to fire exactly the expected alerts`, async () => {
      seen = describeAlerts(await ruler.alerts());
      return JSON.stringify(seen) === JSON.stringify(expected) ? true : undefined;
    }, DEADLINE_MS).catch(() => undefined);
    assert.deepEqual(seen, expected, ruler.name);
  }
}
