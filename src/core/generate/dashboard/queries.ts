// Query fragments shared by the dashboard rows: the variable matchers and the per-pool aggregates.
import type { MonitoringConfig } from '../config.ts';
import { clusterBy, series } from '../promql.ts';

/** Options of an instant table panel, and the transformation that hides its Time column. */
export const TABLE = { showHeader: true, cellHeight: 'sm', footer: { show: false } };
export const HIDE_TIME = [{ id: 'organize', options: { excludeByName: { Time: true } } }];

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

/** `max by (cluster, pool, family)` of a poolwatch family: replicas report the same numbers, so max never double counts. */
export function perPool(config: MonitoringConfig, expr: string): string {
  return `max by (${clusterBy(config, 'pool', 'family')}) (${expr})`;
}

/** A legend, led by the cluster when the dashboard shows several (`showMultiCluster`). */
export function legend(config: MonitoringConfig, text: string): string {
  return config.showMultiCluster ? `{{${config.clusterLabel}}} ${text}` : text;
}

/** The legend of per-pool series. */
export function poolLegend(config: MonitoringConfig): string {
  return legend(config, '{{pool}} {{family}}');
}

/**
 * How many series of `expr` there are per cluster, 0 for a cluster that has none: `count(...) or vector(0)` would
 * add up every cluster, and its zero carries no cluster label. `present` is a series every cluster has.
 */
export function countPerCluster(config: MonitoringConfig, expr: string, present: string): string {
  const by = config.clusterLabel;
  return `count by (${by}) (\n  ${expr}\n)\nor\nmax by (${by}) (0 * ${present})`;
}
