// The fleet source (serve --source prometheus, status --prometheus-url): every cluster's poolwatch series read from a Prometheus-compatible store on request, cached a few seconds.
import { PoolwatchError } from '../core/errors.ts';
import { fleetReports, type FleetResults, type MatrixSeries, type VectorSample } from '../core/fleet/fleet-report.ts';
import { readFleet, type Fleet } from '../core/fleet/fleet-overview.ts';
import { clusterMatcher, fleetQueries, forecastRangeQuery, serviceAddressQuery, type FleetQueryName } from '../core/fleet/queries.ts';
import type { Report } from '../core/report/types.ts';
import { PrometheusHistory } from './history-provider.ts';
import type { ClusterView } from './live-source.ts';
import type { SourceHealth } from '../core/report/source-health.ts';
import { queryApi } from './prometheus-api.ts';

export interface PrometheusFleetOptions {
  url: string;
  lookbackSeconds: number;
  /** Answers younger than this are reused (default 5000 ms): the store is asked once per period, however many pages look. */
  cacheMs?: number;
  onError?: (err: unknown) => void;
  /** Aborted when serve stops: queries in flight end then instead of at their timeout. */
  signal?: AbortSignal;
}

/** Runs every query of a set at one instant, in parallel. */
async function instant<K extends string>(url: string, queries: Record<K, string>, time: number, signal: AbortSignal | undefined): Promise<Record<K, VectorSample[]>> {
  const names = Object.keys(queries) as K[];
  const answers = await Promise.all(names.map((n) => queryApi<VectorSample[]>(url, 'api/v1/query', { query: queries[n], time: String(time) }, signal)));
  return Object.fromEntries(names.map((n, i) => [n, answers[i]!])) as Record<K, VectorSample[]>;
}

/** A value and the promise reading the next one: concurrent callers share one read. */
class Cached<T> {
  private value: T | null = null;
  private at = -Infinity;
  private reading: Promise<T> | null = null;
  constructor(private readonly read: () => Promise<T>, private readonly ms: number) {}
  get(): Promise<T> {
    if (this.value !== null && Date.now() - this.at < this.ms) return Promise.resolve(this.value);
    this.reading ??= this.read()
      .then((v) => {
        this.value = v;
        this.at = Date.now();
        return v;
      })
      .finally(() => (this.reading = null));
    return this.reading;
  }
}

/** No per-cluster state of its own: the store is the source of truth, read on request. */
export class PrometheusFleet {
  readonly url: string;
  readonly lookbackSeconds: number;
  private readonly cacheMs: number;
  private readonly fleet: Cached<Fleet>;
  private readonly views = new Map<string, { report: Cached<Report>; history: PrometheusHistory }>();
  private lastOkMs: number | null = null;
  private lastError: string | null = null;
  private readonly signal: AbortSignal | undefined;

  constructor(options: PrometheusFleetOptions) {
    this.url = options.url;
    this.signal = options.signal;
    this.lookbackSeconds = options.lookbackSeconds;
    this.cacheMs = options.cacheMs ?? 5000;
    this.fleet = new Cached(() => this.track(this.readFleet()), this.cacheMs);
  }

  /** Every cluster in the store with its pools, pending services, findings and forecasts. */
  overview(): Promise<Fleet> {
    return this.fleet.get();
  }

  /** One cluster's report (with its allocated services) and history; 404 for a cluster the store does not have. */
  async view(cluster: string): Promise<ClusterView> {
    const fleet = await this.overview();
    if (!fleet.clusters.some((c) => c.name === cluster)) {
      throw new PoolwatchError('not-found', `no cluster named ${JSON.stringify(cluster)} in the store (clusters: ${fleet.clusters.map((c) => JSON.stringify(c.name)).join(', ') || 'none'})`);
    }
    let v = this.views.get(cluster);
    if (!v) {
      const history = new PrometheusHistory({ url: this.url, lookbackSeconds: this.lookbackSeconds, matchers: [clusterMatcher(cluster)!], cacheMs: this.cacheMs, ...(this.signal ? { signal: this.signal } : {}) });
      v = { report: new Cached(() => this.track(this.readCluster(cluster)), this.cacheMs), history };
      this.views.set(cluster, v);
    }
    const report = await v.report.get();
    return { report: () => report, history: v.history };
  }

  health(): SourceHealth {
    return {
      source: 'prometheus',
      up: this.lastError === null && this.lastOkMs !== null,
      ready: this.lastOkMs !== null,
      lastSyncMs: this.lastOkMs,
      restarts: {},
      notes: this.lastError ? [this.lastError] : [],
    };
  }

  private async track<T>(p: Promise<T>): Promise<T> {
    try {
      const v = await p;
      this.lastOkMs = Date.now();
      this.lastError = null;
      return v;
    } catch (err) {
      this.lastError = err instanceof Error ? err.message : String(err);
      throw err;
    }
  }

  private async readFleet(): Promise<Fleet> {
    const now = Date.now() / 1000;
    const [results, samples] = await Promise.all([
      instant<FleetQueryName>(this.url, fleetQueries(), now, this.signal),
      queryApi<MatrixSeries[]>(this.url, 'api/v1/query', { query: forecastRangeQuery(this.lookbackSeconds), time: String(now) }, this.signal),
    ]);
    return readFleet(results as FleetResults, samples, now, this.lookbackSeconds);
  }

  private async readCluster(cluster: string): Promise<Report> {
    const now = Date.now() / 1000;
    const queries = { ...fleetQueries(cluster), allocated: serviceAddressQuery(cluster) };
    const results = await instant(this.url, queries, now, this.signal);
    const generatedAt = new Date(Math.floor(now) * 1000).toISOString().replace('.000Z', 'Z');
    const found = fleetReports(results, generatedAt, results.allocated).find((c) => c.name === cluster);
    return found?.report ?? { generatedAt, pools: [], services: [], findings: [], facts: { overlaps: [], pendingPools: new Map() } };
  }
}
