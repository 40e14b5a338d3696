// Alert group: poolwatch itself (not scraped, or not synced with the cluster), without which the pool alerts are blind.
import type { MonitoringConfig } from '../config.ts';
import { POOLWATCH, PROMETHEUS } from '../metric-names.ts';
import { inCluster, series } from '../promql.ts';
import type { AlertGroupDraft } from '../types.ts';

export function poolwatchHealthAlerts(config: MonitoringConfig): AlertGroupDraft {
  const { selectors, poolwatch } = config;
  return {
    name: 'metallb-poolwatch',
    rules: [
      {
        alert: 'MetalLBPoolwatchAbsent',
        // absent() of the filtered vector fires both when the target is down and when it is not scraped at all.
        expr: `absent(${series(PROMETHEUS.up, selectors.poolwatch)} == 1)\n`,
        for: poolwatch.absentFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'poolwatch is not scraped: the MetalLB pool alerts cannot fire.',
          description: `No target matching ${selectors.poolwatch} has been up for ${poolwatch.absentFor}. Pool capacity, forecast and pending-service alerts are blind until it is back.`,
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
