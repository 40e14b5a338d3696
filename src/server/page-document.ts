// The document the web page lives on: pools, pending services, findings and forecasts of one cluster, in one JSON text.
import { describeForecast, forecastDocument, type Forecast, type ForecastDocument } from '../core/forecast/index.ts';
import { toJson, type ReportJson } from '../core/report/json.ts';
import type { Report } from '../core/report/types.ts';
import { FeedRegistry, LiveFeed, type LiveSnapshot } from './live-feed.ts';
import { PoolwatchError } from '../core/errors.ts';
import type { ClusterView } from '../sources/live-source.ts';
import type { LiveFeeds } from './route.ts';

export interface PageDocument {
  apiVersion: ReportJson['apiVersion'];
  generatedAt: string;
  pools: ReportJson['pools'];
  /** Pending services only: the page never loads the whole service list (100,000 services are tens of MB). */
  pending: ReportJson['services'];
  findings: ReportJson['findings'];
  summary: ReportJson['summary'];
  /** null when the server keeps no history. */
  forecast: ForecastDocument | null;
}

export function pageDocument(report: Report, forecasts: readonly Forecast[] | null, now: number, lookbackSeconds: number): PageDocument {
  const r = toJson(report);
  return {
    apiVersion: r.apiVersion,
    generatedAt: r.generatedAt,
    pools: r.pools,
    pending: r.services.filter((s) => s.state === 'pending'),
    findings: r.findings,
    summary: r.summary,
    forecast: forecasts === null ? null : forecastDocument(forecasts, now, lookbackSeconds),
  };
}


/** The snapshot of one cluster for a LiveFeed: a new document only when the report or the forecasts are new objects. */
export async function clusterSnapshot(view: ClusterView): Promise<LiveSnapshot> {
  const report = view.report();
  const history = view.history;
  const forecasts = history ? await history.forecasts() : null;
  const now = history ? history.now() : Date.parse(report.generatedAt) / 1000;
  // Forecasts are recomputed as the clock moves; they count as changed only when what the page shows of them does.
  const shown = forecasts === null ? null : forecasts.map((f) => `${f.pool}\u0000${f.family}\u0000${f.state}\u0000${describeForecast(f, now)}`).join('\n');
  return {
    versions: [report, shown],
    render: () => JSON.stringify(pageDocument(report, forecasts, now, history?.lookbackSeconds ?? 0)),
  };
}

/** A feed of one cluster's page documents; `view` is looked up on every check (a fleet server reads it from the store). */
export function clusterFeed(view: () => ClusterView | Promise<ClusterView>, onError?: (err: unknown) => void): LiveFeed {
  return new LiveFeed({ snapshot: async () => clusterSnapshot(await view()), ...(onError ? { onError } : {}) });
}

/** The live feeds of a server that watches one cluster: one feed, and `?cluster=` is a mistake. */
export function singleClusterFeeds(view: ClusterView, onError?: (err: unknown) => void): LiveFeeds {
  const registry = new FeedRegistry(() => clusterFeed(() => view, onError));
  return {
    async feed(cluster) {
      if (cluster !== undefined) throw new PoolwatchError('invalid-argument', `query parameter cluster="${cluster}" is for a fleet server (serve --source prometheus); this server watches one cluster`);
      return registry.get('');
    },
    close: () => registry.close(),
  };
}
