// Query fragments shared by the dashboard rows: the variable matchers and the per-pool aggregates.
import type { MonitoringConfig } from '../config.ts';
import { series } from '../promql.ts';

/** Matchers for the dashboard's cluster variable (and pool variable when `withPool`). */
export function scope(config: MonitoringConfig, withPool = true): string[] {
  const matchers = [`${config.clusterLabel}=~"$cluster"`];
  if (withPool) matchers.push('pool=~"$pool"');
  return matchers;
}

/** A poolwatch family restricted to the dashboard's cluster and pools. */
export function poolwatchSeries(config: MonitoringConfig, metric: string, withPool = true): string {
  return series(metric, config.selectors.poolwatch, ...scope(config, withPool));
}

/** `max by (pool, family)` of a poolwatch family: replicas report the same numbers, so max never double counts. */
export function perPool(config: MonitoringConfig, expr: string): string {
  return `max by (${config.clusterLabel}, pool, family) (${expr})`;
}

export const POOL_LEGEND = '{{pool}} {{family}}';
