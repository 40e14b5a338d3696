// Recording group: utilization and available ratios per pool and family, and per cluster and family.
import type { MonitoringConfig } from '../config.ts';
import { POOLWATCH, RECORDED } from '../metric-names.ts';
import { clusterBy, series } from '../promql.ts';
import type { RecordingRule, RuleGroup } from '../types.ts';

export function poolRatioRules(config: MonitoringConfig): RuleGroup<RecordingRule> {
  const sel = config.selectors.poolwatch;
  // max, not sum, across targets: two poolwatch replicas report the same pool and must not count it twice.
  const perPool = (metric: string) => `max by (${clusterBy(config, 'pool', 'family')}) (${series(metric, sel)})`;
  const perCluster = (metric: string) => `sum by (${clusterBy(config, 'family')}) (\n  ${perPool(metric)}\n)`;
  return {
    name: 'metallb-pool-ratios',
    rules: [
      {
        record: RECORDED.poolUtilization,
        expr: `${perPool(POOLWATCH.poolAddressesInUse)}\n/\n(${perPool(POOLWATCH.poolAddresses)} > 0)\n`,
      },
      {
        record: RECORDED.poolAvailable,
        expr: `${perPool(POOLWATCH.poolAddressesAvailable)}\n/\n(${perPool(POOLWATCH.poolAddresses)} > 0)\n`,
      },
      {
        record: RECORDED.clusterUtilization,
        expr: `${perCluster(POOLWATCH.poolAddressesInUse)}\n/\n(${perCluster(POOLWATCH.poolAddresses)} > 0)\n`,
      },
      {
        record: RECORDED.clusterAvailable,
        expr: `${perCluster(POOLWATCH.poolAddressesAvailable)}\n/\n(${perCluster(POOLWATCH.poolAddresses)} > 0)\n`,
      },
      {
        // Addresses taken per second, averaged over an hour: deriv() fits a gauge (rate() is for counters).
        record: RECORDED.poolAllocationRate,
        expr: `max by (${clusterBy(config, 'pool', 'family')}) (\n  deriv(${series(POOLWATCH.poolAddressesInUse, sel)}[1h])\n)\n`,
      },
    ],
  };
}
