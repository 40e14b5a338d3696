// The PromQL a fleet poolwatch sends to a Prometheus-compatible store, built from poolwatch's own metric names.
import { POOLWATCH } from '../generate/metric-names.ts';
import { series } from '../generate/promql.ts';

/** The label that tells clusters apart (each cluster's Prometheus sets it as an external label). */
export const FLEET_CLUSTER_LABEL = 'cluster';

/** `cluster="prod"` (a PromQL string literal: JSON escaping is valid PromQL escaping), or undefined for every cluster. */
export function clusterMatcher(cluster: string | undefined, label = FLEET_CLUSTER_LABEL): string | undefined {
  return cluster === undefined ? undefined : `${label}=${JSON.stringify(cluster)}`;
}

/** `max by (...)`: one series per key, however many replicas or paths (federation and remote write) delivered it. */
function one(metric: string, by: readonly string[], ...matchers: Array<string | undefined>): string {
  return `max by (${by.join(', ')}) (${series(metric, ...matchers)})`;
}

/** The instant queries for the fleet overview, or (with `cluster`) for one cluster's pages. */
export function fleetQueries(cluster?: string, label = FLEET_CLUSTER_LABEL) {
  const c = clusterMatcher(cluster, label);
  return {
    /** Every cluster whose poolwatch the store has heard of, even one without pools. */
    clusters: `count by (${label}) (${series(POOLWATCH.buildInfo, c)})`,
    total: one(POOLWATCH.poolAddresses, [label, 'pool', 'family'], c),
    inUse: one(POOLWATCH.poolAddressesInUse, [label, 'pool', 'family'], c),
    info: one(POOLWATCH.poolInfo, [label, 'pool', 'namespace', 'auto_assign', 'avoid_buggy_ips'], c),
    services: one(POOLWATCH.poolServices, [label, 'pool'], c),
    namespaces: one(POOLWATCH.namespaceAddressesInUse, [label, 'pool', 'namespace', 'family'], c),
    pending: one(POOLWATCH.servicePending, [label, 'namespace', 'service', 'reason'], c),
    findings: one(POOLWATCH.findings, [label, 'code', 'severity'], c),
  } as const;
}

export type FleetQueryName = keyof ReturnType<typeof fleetQueries>;

/** The allocated services of one cluster (only its pages need them; a cluster run with --no-service-metrics has none). */
export function serviceAddressQuery(cluster: string, label = FLEET_CLUSTER_LABEL): string {
  return one(POOLWATCH.serviceAddressInfo, [label, 'namespace', 'service', 'pool', 'ip'], clusterMatcher(cluster, label));
}

/** The raw in-use samples of the lookback, the very samples predict_linear would use. */
export function forecastRangeQuery(lookbackSeconds: number, matchers: Array<string | undefined> = []): string {
  return `${series(POOLWATCH.poolAddressesInUse, ...matchers)}[${lookbackSeconds}s]`;
}

/** In use and total of one pool family, for query_range (charts). */
export function historyQueries(pool: string, family: string, matchers: Array<string | undefined> = []): { inUse: string; total: string } {
  const sel = [...matchers, `pool=${JSON.stringify(pool)}`, `family=${JSON.stringify(family)}`];
  return { inUse: series(POOLWATCH.poolAddressesInUse, ...sel), total: series(POOLWATCH.poolAddresses, ...sel) };
}

/** Totals at an instant (the forecast's denominators). */
export function totalsQuery(matchers: Array<string | undefined> = []): string {
  return series(POOLWATCH.poolAddresses, ...matchers);
}
