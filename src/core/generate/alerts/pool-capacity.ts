// Alert group: pool capacity tiers (high, nearly exhausted, exhausted) per pool and family, every label kept.
import type { MonitoringConfig } from '../config.ts';
import { POOLWATCH } from '../metric-names.ts';
import { excludedPools, inCluster, num, percent, series } from '../promql.ts';
import type { AlertGroupDraft } from '../types.ts';

export function poolCapacityAlerts(config: MonitoringConfig): AlertGroupDraft {
  const sel = [config.selectors.poolwatch, excludedPools(config)];
  const inUse = series(POOLWATCH.poolAddressesInUse, ...sel);
  const usable = series(POOLWATCH.poolAddresses, ...sel);
  const available = series(POOLWATCH.poolAddressesAvailable, ...sel);
  // No on(pool): matching on all labels keeps job, instance and cluster in the alert (MetalLB's chart loses them).
  // Pools with no usable address are a configuration finding (pool-empty), not a capacity alert: `> 0` drops them.
  const utilization = `  ${inUse}\n  /\n  (${usable} > 0)`;
  const where = `pool {{ $labels.pool }} ({{ $labels.family }})${inCluster(config)}`;
  const { capacity } = config;
  return {
    name: 'metallb-pool-capacity',
    rules: [
      {
        alert: 'MetalLBPoolUtilizationHigh',
        expr: `(\n${utilization}\n) >= ${num(capacity.highRatio)}\n`,
        for: capacity.highFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: `A MetalLB address pool is more than ${percent(capacity.highRatio)} used.`,
          description: `Address ${where} has {{ $value | humanizePercentage }} of its usable addresses in use. Plan to add addresses before new LoadBalancer services stay pending.`,
        },
      },
      {
        alert: 'MetalLBPoolNearlyExhausted',
        expr: `(\n${utilization}\n) >= ${num(capacity.nearlyExhaustedRatio)}\n`,
        for: capacity.nearlyExhaustedFor,
        labels: { severity: 'critical' },
        annotations: {
          summary: `A MetalLB address pool is more than ${percent(capacity.nearlyExhaustedRatio)} used.`,
          description: `Address ${where} has {{ $value | humanizePercentage }} of its usable addresses in use. The next LoadBalancer services may get no address.`,
        },
      },
      {
        alert: 'MetalLBPoolExhausted',
        expr: `${available} <= 0\nand\n${usable} > 0\n`,
        for: capacity.exhaustedFor,
        labels: { severity: 'critical' },
        annotations: {
          summary: 'A MetalLB address pool has no free address left.',
          description: `Address ${where} has no free address. New LoadBalancer services that need this family from this pool stay pending.`,
        },
      },
    ],
  };
}
