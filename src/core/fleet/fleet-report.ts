// Turns a store's answers to the fleet queries into one report per cluster: poolwatch's own series read back, exact where float64 allows.
import type { IpFamily } from '../address/index.ts';
import type { SeriesInput } from '../forecast/index.ts';
import { FINDING_CODES, REASON_CODES, SEVERITIES, type FindingCode, type ReasonCode, type Severity } from '../report/codes.ts';
import { dictionary } from '../report/dictionary.ts';
import type { FamilyUsage, Finding, PoolReport, Report, ServiceReport } from '../report/types.ts';
import { FLEET_CLUSTER_LABEL, type FleetQueryName } from './queries.ts';

/** One series of an instant vector, as the Prometheus HTTP API returns it. */
export interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** One series of a range vector. */
export interface MatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

export type FleetResults = Record<FleetQueryName, VectorSample[]>;

/** Counts come back as float64; totals such as 2^64 are exact there, so rounding restores the bigint. */
export function toCount(text: string): bigint {
  const v = Number(text);
  return Number.isFinite(v) && v >= 0 ? BigInt(Math.round(v)) : 0n;
}

const isFamily = (f: string | undefined): f is IpFamily => f === 'ipv4' || f === 'ipv6';
const isReason = (r: string | undefined): r is ReasonCode => (REASON_CODES as readonly string[]).includes(r ?? '');
const isFinding = (c: string | undefined): c is FindingCode => (FINDING_CODES as readonly string[]).includes(c ?? '');
const isSeverity = (s: string | undefined): s is Severity => (SEVERITIES as readonly string[]).includes(s ?? '');

function usage(total: bigint, inUse: bigint): FamilyUsage {
  const available = total > inUse ? total - inUse : 0n;
  return { total, inUse, available, utilization: total === 0n ? 0 : Number(inUse) / Number(total) };
}

interface PoolDraft {
  name: string;
  namespace: string;
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  total: Partial<Record<IpFamily, bigint>>;
  inUse: Partial<Record<IpFamily, bigint>>;
  services: number;
  namespaces: Record<string, { ipv4: bigint; ipv6: bigint }>;
}

export interface FleetCluster {
  name: string;
  report: Report;
}

/**
 * One report per cluster, clusters and pools by name. What the series do not carry is left empty:
 * address ranges (`addresses: []`), priority (null), and finding details: each finding counted by
 * `poolwatch_findings` becomes one entry whose message says where the details are.
 */
export function fleetReports(results: FleetResults, generatedAt: string, extraServices: VectorSample[] = [], label = FLEET_CLUSTER_LABEL): FleetCluster[] {
  const clusters = new Map<string, { pools: Map<string, PoolDraft>; pending: ServiceReport[]; allocated: ServiceReport[]; findings: Finding[] }>();
  const clusterOf = (m: Record<string, string>) => {
    const name = m[label] ?? '';
    let c = clusters.get(name);
    if (!c) clusters.set(name, (c = { pools: new Map(), pending: [], allocated: [], findings: [] }));
    return c;
  };
  const poolOf = (m: Record<string, string>) => {
    const c = clusterOf(m);
    const name = m['pool'] ?? '';
    let p = c.pools.get(name);
    if (!p) c.pools.set(name, (p = { name, namespace: '', autoAssign: true, avoidBuggyIPs: false, total: {}, inUse: {}, services: 0, namespaces: dictionary() }));
    return p;
  };
  for (const r of results.clusters) clusterOf(r.metric);
  for (const r of results.info) {
    const p = poolOf(r.metric);
    p.namespace = r.metric['namespace'] ?? '';
    p.autoAssign = r.metric['auto_assign'] !== 'false';
    p.avoidBuggyIPs = r.metric['avoid_buggy_ips'] === 'true';
  }
  for (const r of results.total) if (isFamily(r.metric['family'])) poolOf(r.metric).total[r.metric['family']] = toCount(r.value[1]);
  for (const r of results.inUse) if (isFamily(r.metric['family'])) poolOf(r.metric).inUse[r.metric['family']] = toCount(r.value[1]);
  for (const r of results.services) poolOf(r.metric).services = Number(toCount(r.value[1]));
  for (const r of results.namespaces) {
    const family = r.metric['family'];
    const ns = r.metric['namespace'];
    if (!isFamily(family) || ns === undefined) continue;
    const p = poolOf(r.metric);
    (p.namespaces[ns] ??= { ipv4: 0n, ipv6: 0n })[family] = toCount(r.value[1]);
  }
  for (const r of results.pending) {
    const reason = r.metric['reason'];
    clusterOf(r.metric).pending.push({
      namespace: r.metric['namespace'] ?? '',
      name: r.metric['service'] ?? '',
      state: 'pending',
      pool: null,
      ips: [],
      sharingKey: null,
      simulated: false,
      reason: isReason(reason) ? { code: reason, message: `reported by the poolwatch of cluster ${JSON.stringify(r.metric[label] ?? '')}; \`poolwatch explain\` there says more` } : null,
    });
  }
  for (const r of results.findings) {
    const { code, severity } = r.metric;
    if (!isFinding(code) || !isSeverity(severity)) continue;
    const n = Number(toCount(r.value[1]));
    const cluster = r.metric[label] ?? '';
    for (let i = 0; i < n; i++) {
      clusterOf(r.metric).findings.push({ code, severity, message: `${n === 1 ? 'one finding' : `${i + 1} of ${n} findings`} with code ${code} in cluster ${JSON.stringify(cluster)}; its own poolwatch lists them`, objects: [], location: null });
    }
  }
  // Allocated services: one entry per service, with every address it holds.
  const byService = new Map<string, ServiceReport>();
  for (const r of extraServices) {
    const key = `${r.metric[label] ?? ''}\u0000${r.metric['namespace'] ?? ''}\u0000${r.metric['service'] ?? ''}`;
    let s = byService.get(key);
    if (!s) {
      s = { namespace: r.metric['namespace'] ?? '', name: r.metric['service'] ?? '', state: 'allocated', pool: r.metric['pool'] ?? null, ips: [], sharingKey: null, simulated: false, reason: null };
      byService.set(key, s);
      clusterOf(r.metric).allocated.push(s);
    }
    if (r.metric['ip'] !== undefined) s.ips.push(r.metric['ip']);
  }
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...clusters.entries()]
    .map(([name, c]): FleetCluster => {
      const pools: PoolReport[] = [...c.pools.values()].sort(byName).map((p) => ({
        name: p.name,
        namespace: p.namespace,
        autoAssign: p.autoAssign,
        avoidBuggyIPs: p.avoidBuggyIPs,
        priority: null,
        addresses: [],
        ipv4: p.total.ipv4 === undefined ? null : usage(p.total.ipv4, p.inUse.ipv4 ?? 0n),
        ipv6: p.total.ipv6 === undefined ? null : usage(p.total.ipv6, p.inUse.ipv6 ?? 0n),
        services: p.services,
        namespaces: p.namespaces,
      }));
      const services = [...c.allocated, ...c.pending].sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
      for (const s of services) s.ips.sort();
      // The fleet's series carry no overlaps nor requested pools: those facts stay with each cluster's own poolwatch.
      return { name, report: { generatedAt, pools, services, findings: c.findings, facts: { overlaps: [], pendingPools: new Map() } } };
    })
    .sort(byName);
}

/**
 * Forecast inputs per cluster from the raw in-use samples and the totals. A series delivered twice (two
 * replicas, or federation and remote write into one store) is read once: the one with the most samples.
 */
export function fleetForecastInputs(matrix: MatrixSeries[], totals: VectorSample[], label = FLEET_CLUSTER_LABEL): Map<string, SeriesInput[]> {
  const key = (m: Record<string, string>) => `${m[label] ?? ''}\u0000${m['pool'] ?? ''}\u0000${m['family'] ?? ''}`;
  const totalOf = new Map<string, bigint>();
  for (const r of totals) totalOf.set(key(r.metric), toCount(r.value[1]));
  const best = new Map<string, MatrixSeries>();
  for (const r of matrix) {
    const k = key(r.metric);
    const seen = best.get(k);
    if (!seen || r.values.length > seen.values.length) best.set(k, r);
  }
  const out = new Map<string, SeriesInput[]>();
  for (const [k, r] of best) {
    const pool = r.metric['pool'];
    const family = r.metric['family'];
    const total = totalOf.get(k);
    if (pool === undefined || !isFamily(family) || total === undefined || r.values.length === 0) continue;
    const cluster = r.metric[label] ?? '';
    const list = out.get(cluster) ?? [];
    list.push({ pool, family, samples: r.values.map(([t, v]) => ({ t, v: Number(v) })), total, inUse: toCount(r.values[r.values.length - 1]![1]) });
    out.set(cluster, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.pool === b.pool ? a.family.localeCompare(b.family) : a.pool < b.pool ? -1 : 1));
  return out;
}
