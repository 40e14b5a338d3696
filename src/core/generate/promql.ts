// Small PromQL text helpers shared by the rule and dashboard generators: selectors, pool exclusion, numbers.
import type { MonitoringConfig } from './config.ts';

/** `metric{m1, m2}` from label-matcher fragments; empty fragments are skipped. */
export function series(metric: string, ...matchers: Array<string | undefined>): string {
  const parts = matchers.filter((m): m is string => m !== undefined && m.trim() !== '').map((m) => m.trim().replace(/,$/, ''));
  return parts.length === 0 ? metric : `${metric}{${parts.join(', ')}}`;
}

/** Escapes a literal for use inside a PromQL regex matcher string (RE2 metacharacters, then string quoting). */
export function regexLiteral(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** `pool!~"a|b"` for the configured exclusions, or undefined when nothing is excluded. */
export function excludedPools(config: MonitoringConfig): string | undefined {
  if (config.excludePools.length === 0) return undefined;
  return `pool!~"${config.excludePools.map(regexLiteral).join('|')}"`;
}

/** A ratio as PromQL text without float noise (0.95, not 0.9500000000000001). */
export function num(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** `a` as a percentage for summaries: 0.8 → "80%". */
export function percent(value: number): string {
  return `${num(value * 100)}%`;
}

/** The labels by which per-cluster aggregates are kept apart. */
export function clusterBy(config: MonitoringConfig, ...labels: string[]): string {
  return [config.clusterLabel, ...labels].join(', ');
}

/**
 * Alert-template text naming the cluster when it is known, and nothing otherwise: from the series' cluster label on a
 * central ruler (federation, Thanos, Mimir, VictoriaMetrics), or from the ruler's own external labels in the cluster.
 */
export function inCluster(config: MonitoringConfig): string {
  const label = config.clusterLabel;
  return `{{ with or $labels.${label} $externalLabels.${label} }} in cluster {{ . }}{{ end }}`;
}
