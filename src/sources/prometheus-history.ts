// The --prometheus-url edge: reads poolwatch's own series back from Prometheus (built-in fetch) for forecasts and charts.
import { PoolwatchError } from '../core/errors.ts';
import type { IpFamily } from '../core/address/index.ts';
import type { SeriesInput } from '../core/forecast/index.ts';
import type { HistoryPoint } from '../core/history/index.ts';

const TIMEOUT_MS = 15_000;

type Matrix = Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;
type Vector = Array<{ metric: Record<string, string>; value: [number, string] }>;

async function api<T>(base: string, path: string, params: Record<string, string>): Promise<T> {
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new PoolwatchError('source-unavailable', `cannot reach Prometheus: ${cause}`, { location: base });
  }
  let body: { status?: string; error?: string; data?: { result?: unknown } };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new PoolwatchError('source-unavailable', `Prometheus answered ${res.status} with something that is not JSON`, { location: base });
  }
  if (body.status !== 'success') throw new PoolwatchError('source-unavailable', `Prometheus query failed: ${body.error ?? res.status}`, { location: base });
  return body.data!.result as T;
}

const isFamily = (f: string | undefined): f is IpFamily => f === 'ipv4' || f === 'ipv6';

/** Counts come back as float64; totals such as 2^64 are exact there, so rounding restores the bigint. */
function toCount(text: string): bigint {
  const v = Number(text);
  return Number.isFinite(v) && v >= 0 ? BigInt(Math.round(v)) : 0n;
}

/**
 * Forecast inputs from the raw samples of `poolwatch_pool_addresses_in_use[lookback]` at `now`: the very
 * samples predict_linear would use, so the answer equals PromQL's.
 */
export async function prometheusForecastInputs(base: string, options: { now: number; lookbackSeconds: number; pool?: string }): Promise<SeriesInput[]> {
  const selector = options.pool ? `{pool=${JSON.stringify(options.pool)}}` : '';
  const time = String(options.now);
  const [matrix, totals] = await Promise.all([
    api<Matrix>(base, 'api/v1/query', { query: `poolwatch_pool_addresses_in_use${selector}[${options.lookbackSeconds}s]`, time }),
    api<Vector>(base, 'api/v1/query', { query: `poolwatch_pool_addresses${selector}`, time }),
  ]);
  const totalOf = new Map<string, bigint>();
  for (const r of totals) totalOf.set(`${r.metric['pool']}\u0000${r.metric['family']}`, toCount(r.value[1]));
  const out: SeriesInput[] = [];
  for (const r of matrix) {
    const pool = r.metric['pool'];
    const family = r.metric['family'];
    const total = totalOf.get(`${pool}\u0000${family}`);
    if (pool === undefined || !isFamily(family) || total === undefined || r.values.length === 0) continue;
    const samples = r.values.map(([t, v]) => ({ t, v: Number(v) }));
    out.push({ pool, family, samples, total, inUse: toCount(r.values[r.values.length - 1]![1]) });
  }
  return out.sort((a, b) => (a.pool === b.pool ? a.family.localeCompare(b.family) : a.pool < b.pool ? -1 : 1));
}

/** One pool family's use between two times at `step` seconds, via query_range (what Grafana shows). */
export async function prometheusHistoryRange(base: string, q: { pool: string; family: IpFamily; from: number; to: number; step: number }): Promise<HistoryPoint[]> {
  const sel = `{pool=${JSON.stringify(q.pool)},family="${q.family}"}`;
  const params = { start: String(q.from), end: String(q.to), step: String(q.step) };
  const [used, total] = await Promise.all([
    api<Matrix>(base, 'api/v1/query_range', { query: `poolwatch_pool_addresses_in_use${sel}`, ...params }),
    api<Matrix>(base, 'api/v1/query_range', { query: `poolwatch_pool_addresses${sel}`, ...params }),
  ]);
  const totals = new Map((total[0]?.values ?? []).map(([t, v]) => [t, toCount(v)]));
  return (used[0]?.values ?? []).flatMap(([t, v]) => {
    const tot = totals.get(t);
    return tot === undefined ? [] : [{ t, inUse: toCount(v), total: tot }];
  });
}
