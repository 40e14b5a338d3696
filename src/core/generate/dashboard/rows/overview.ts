// Dashboard row: overview (utilization gauge per pool and family, addresses left, pending services, findings).
import type { MonitoringConfig } from '../../config.ts';
import { POOLWATCH } from '../../metric-names.ts';
import { clusterBy, num } from '../../promql.ts';
import { countPerCluster, perPool, poolLegend, poolwatchSeries } from '../queries.ts';
import type { RowDraft, Threshold } from '../types.ts';

export function utilizationThresholds(config: MonitoringConfig): Threshold[] {
  return [
    { color: 'green', value: null },
    { color: 'orange', value: Number(num(config.capacity.highRatio)) },
    { color: 'red', value: Number(num(config.capacity.nearlyExhaustedRatio)) },
  ];
}

export function utilizationExpr(config: MonitoringConfig): string {
  return `${perPool(config, poolwatchSeries(config, POOLWATCH.poolAddressesInUse))}\n/\n(${perPool(config, poolwatchSeries(config, POOLWATCH.poolAddresses))} > 0)`;
}

/** Pending services per cluster: one per namespace and name, however many poolwatch replicas report it. */
function pendingCount(config: MonitoringConfig): string {
  const pending = `max by (${clusterBy(config, 'namespace', 'service')}) (${poolwatchSeries(config, POOLWATCH.servicePending, false)} > 0)`;
  return countPerCluster(config, pending, poolwatchSeries(config, POOLWATCH.sourceUp, false));
}

export function overviewRow(config: MonitoringConfig): RowDraft {
  return {
    title: 'Overview',
    panels: [
      {
        type: 'gauge',
        title: 'Utilization by pool and family',
        description: 'Addresses in use divided by usable addresses (after avoidBuggyIPs), per pool and IP family. Orange and red follow the alert thresholds.',
        w: 12,
        h: 8,
        targets: [{ expr: utilizationExpr(config), legendFormat: poolLegend(config), instant: true }],
        unit: 'percentunit',
        min: 0,
        max: 1,
        thresholds: utilizationThresholds(config),
        options: { showThresholdMarkers: true, reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
      },
      {
        type: 'stat',
        title: 'Addresses left',
        description: 'Usable addresses not held by any service, per pool and family (exact up to 2^53; an IPv6 /64 shows as 1.8e19).',
        w: 6,
        h: 8,
        targets: [{ expr: perPool(config, poolwatchSeries(config, POOLWATCH.poolAddressesAvailable)), legendFormat: poolLegend(config), instant: true }],
        unit: 'short',
        thresholds: [
          { color: 'red', value: null },
          { color: 'green', value: 1 },
        ],
        options: { colorMode: 'background', graphMode: 'none', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
      },
      {
        type: 'stat',
        title: 'Pending services',
        description: 'LoadBalancer services that MetalLB has not given an address (all pools: a pending service has none).',
        w: 6,
        h: 8,
        targets: [{ expr: pendingCount(config), legendFormat: config.showMultiCluster ? `{{${config.clusterLabel}}}` : undefined, instant: true }],
        unit: 'short',
        thresholds: [
          { color: 'green', value: null },
          { color: 'orange', value: 1 },
        ],
        options: { colorMode: 'background', graphMode: 'none', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
      },
    ],
  };
}
