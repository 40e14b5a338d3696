// Alert group: poolwatch itself (not scraped, or not synced with the cluster), without which the pool alerts are blind.
import type { MonitoringConfig } from '../config.ts';
import { POOLWATCH, PROMETHEUS } from '../metric-names.ts';
import { inCluster, series } from '../promql.ts';
import type { AlertGroupDraft } from '../types.ts';

export function poolwatchHealthAlerts(config: MonitoringConfig): AlertGroupDraft {
  const { selectors, poolwatch } = config;
  const by = config.clusterLabel;
  const poolwatchUp = series(PROMETHEUS.up, selectors.poolwatch);
  return {
    name: 'metallb-poolwatch',
    rules: [
      {
        alert: 'MetalLBPoolwatchAbsent',
        // Per cluster, so a central ruler sees one cluster's poolwatch go missing while others still run (a plain
        // absent() fires there only when poolwatch is gone everywhere). A cluster is known by its MetalLB controller's
        // target (up any value) or poolwatch's own; the alert fires where no poolwatch target is up. Without a cluster
        // label (one cluster per Prometheus) `by`/`on` over the missing label group everything into one: the same test.
        expr:
          `group by (${by}) (\n  ${series(PROMETHEUS.up, selectors.controller)}\n  or\n  ${poolwatchUp}\n)\n` +
          `unless on(${by})\n(${poolwatchUp} == 1)\n`,
        for: poolwatch.absentFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'poolwatch is not scraped: the MetalLB pool alerts cannot fire.',
          description:
            `No poolwatch target (${selectors.poolwatch}) has been up${inCluster(config)} for ${poolwatch.absentFor}. ` +
            'Pool capacity, forecast and pending-service alerts there are blind until it is back.',
        },
      },
      {
        alert: 'MetalLBPoolwatchNotSynced',
        expr: `${series(POOLWATCH.sourceUp, selectors.poolwatch)} == 0\n`,
        for: poolwatch.notSyncedFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'poolwatch has lost its view of the cluster.',
          description: `poolwatch target {{ $labels.instance }}${inCluster(config)} cannot list or watch its source; its pool figures are out of date.`,
        },
      },
    ],
  };
}
