// The --prometheus-url edge for history: reads poolwatch's own series back from the store for forecasts and charts.
import type { IpFamily } from '../core/address/index.ts';
import { fleetForecastInputs, toCount, type MatrixSeries, type VectorSample } from '../core/fleet/fleet-report.ts';
import { forecastRangeQuery, historyQueries, totalsQuery } from '../core/fleet/queries.ts';
import type { SeriesInput } from '../core/forecast/index.ts';
import type { HistoryPoint } from '../core/history/index.ts';
import { queryApi } from './prometheus-api.ts';

/**
 * Forecast inputs from the raw samples of `poolwatch_pool_addresses_in_use[lookback]` at `now`: the very
 * samples predict_linear would use, so the answer equals PromQL's. `matchers` narrow it (a cluster, a pool).
 */
export async function prometheusForecastInputs(base: string, options: { now: number; lookbackSeconds: number; pool?: string; matchers?: string[]; signal?: AbortSignal }): Promise<SeriesInput[]> {
  const matchers = [...(options.matchers ?? []), ...(options.pool ? [`pool=${JSON.stringify(options.pool)}`] : [])];
  const time = String(options.now);
  const [matrix, totals] = await Promise.all([
    queryApi<MatrixSeries[]>(base, 'api/v1/query', { query: forecastRangeQuery(options.lookbackSeconds, matchers), time }, options.signal),
    queryApi<VectorSample[]>(base, 'api/v1/query', { query: totalsQuery(matchers), time }, options.signal),
  ]);
  // Without a cluster matcher a store may still hold several clusters: this reads them as one only when asked for one.
  return [...fleetForecastInputs(matrix, totals).values()].flat();
}

/** One pool family's use between two times at `step` seconds, via query_range (what Grafana shows). */
export async function prometheusHistoryRange(base: string, q: { pool: string; family: IpFamily; from: number; to: number; step: number; matchers?: string[]; signal?: AbortSignal }): Promise<HistoryPoint[]> {
  const queries = historyQueries(q.pool, q.family, q.matchers ?? []);
  const params = { start: String(q.from), end: String(q.to), step: String(q.step) };
  const [used, total] = await Promise.all([
    queryApi<MatrixSeries[]>(base, 'api/v1/query_range', { query: queries.inUse, ...params }, q.signal),
    queryApi<MatrixSeries[]>(base, 'api/v1/query_range', { query: queries.total, ...params }, q.signal),
  ]);
  const totals = new Map((total[0]?.values ?? []).map(([t, v]) => [t, toCount(v)]));
  return (used[0]?.values ?? []).flatMap(([t, v]) => {
    const tot = totals.get(t);
    return tot === undefined ? [] : [{ t, inUse: toCount(v), total: tot }];
  });
}
