// Wires a live source and its store to what the HTTP routes and metric families read.
import type { Forecast } from '../core/forecast/index.ts';
import type { Logger } from '../log.ts';
import type { SourceHealth } from '../core/report/source-health.ts';
import type { ReportSource } from '../sources/live-source.ts';
import { VERSION } from '../version.ts';
import { MetricsExporter, type ExporterOptions } from './metrics/exporter.ts';
import { PendingTracker } from '../core/metrics/pending-tracker.ts';
import type { ServerDeps } from './route.ts';

export interface AppOptions extends Omit<ExporterOptions, 'families'> {
  store: () => ReportSource;
  health: () => SourceHealth;
  log: Logger;
  /** The latest exhaustion forecasts, for poolwatch_pool_exhaustion_timestamp_seconds. */
  forecasts?: () => readonly Forecast[];
}

export const UPDATE_DURATION_FAMILY = 'poolwatch_snapshot_update_duration_seconds';

/** One empty list for servers without forecasts: the exporter reuses its text only while the report and the forecasts are the same objects. */
const NO_FORECASTS: readonly Forecast[] = [];

/** The ServerDeps for `createServer`, plus the exporter (for tests and benchmarks). */
export function createApp(options: AppOptions): ServerDeps & { exporter: MetricsExporter } {
  const exporter = new MetricsExporter(options);
  const tracker = new PendingTracker();
  let instrumented: ReportSource | null = null;
  // The store can be replaced (the manifests source re-reads files into a new one), so look it up each time.
  const currentStore = () => {
    const store = options.store();
    if (store !== instrumented) {
      store.onApplied = (s) => exporter.observe(UPDATE_DURATION_FAMILY, s);
      instrumented = store;
    }
    return store;
  };
  currentStore();
  const report = () => {
    const r = currentStore().report();
    tracker.observe(r);
    return r;
  };
  return {
    exporter,
    log: options.log,
    report,
    explain: (key, events) => currentStore().explain?.(key, events) ?? null,
    health: options.health,
    async metrics() {
      const body = await exporter.exposition({
        report: report(),
        health: options.health(),
        counters: { eventsApplied: currentStore().eventsApplied, allocationFailures: tracker.counts },
        build: { version: VERSION, nodeVersion: process.version },
        forecasts: options.forecasts?.() ?? NO_FORECASTS,
      });
      return { contentType: exporter.contentType, body };
    },
  };
}
