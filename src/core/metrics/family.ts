// The shape of one metric family: a declaration (name, help, type, labels) plus how its samples are read at scrape time.
import type { Forecast } from '../forecast/index.ts';
import type { Report, ServiceReport } from '../report/types.ts';
import type { SourceHealth } from '../report/source-health.ts';
import type { FailureCount } from './pending-tracker.ts';

export type Labels = Record<string, string>;
export type Sample = readonly [labels: Labels, value: number];

/** What every family reads from when Prometheus scrapes; computed once per scrape. */
export interface ScrapeContext {
  report: Report;
  health: SourceHealth;
  /** Cumulative counts kept by the exporter between scrapes. */
  counters: ExporterCounters;
  build: { version: string; nodeVersion: string };
  /** The latest exhaustion forecasts (empty when the server keeps no history). */
  forecasts?: readonly Forecast[];
}

export interface ExporterCounters {
  /** Object events applied to the snapshot, by Kubernetes kind. */
  eventsApplied: ReadonlyMap<string, number>;
  /** Services seen entering the pending state, by `namespace` and reason code. */
  allocationFailures: ReadonlyMap<string, FailureCount>;
}

/**
 * `native` families are always exported; `compat` only with `--compat=metallb`. `perService` families
 * have one series per service and are left out with `--no-service-metrics`.
 */
export interface FamilyDeclaration {
  name: string;
  help: string;
  type: 'gauge' | 'counter' | 'histogram';
  labels: readonly string[];
  set: 'native' | 'compat';
  perService?: boolean;
  /**
   * Computed on every scrape (the exporter's own health, cheap). Other families depend only on the
   * report and forecasts, so their text is computed once per report and reused until it changes.
   */
  live?: boolean;
  /** Histograms only: bucket upper bounds. Histograms are observed as things happen, not computed. */
  buckets?: readonly number[];
  /** Gauges and counters: the samples, computed from the scrape context. */
  samples?(ctx: ScrapeContext): Iterable<Sample>;
  /**
   * Instead of `samples`, for families with series per service: the samples of one service's report entry,
   * in report order. Each carries the service's `namespace` and `service` labels, so two entries never
   * share a label set. The exporter keeps each entry's text while reports give the same entry object (the
   * ledger keeps an unchanged service's entry), so a scrape after k changes formats k entries.
   */
  serviceSamples?(entry: ServiceReport): Iterable<Sample>;
  /** The unit or meaning of the value, for docs/metrics.md. */
  doc: string;
}

/** The families a pool has, with their usage (a family the pool lacks is skipped). */
export function* poolFamilies(report: Report) {
  for (const pool of report.pools) {
    if (pool.ipv4) yield { pool, family: 'ipv4' as const, usage: pool.ipv4 };
    if (pool.ipv6) yield { pool, family: 'ipv6' as const, usage: pool.ipv6 };
  }
}

/** bigint to the float64 Prometheus stores: exact up to 2^53 and for every power of two (a /64 is 2^64). */
export function toSampleValue(n: bigint): number {
  return Number(n);
}
