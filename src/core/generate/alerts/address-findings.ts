// Alert group: address problems poolwatch finds in the configuration and the cluster (overlap, conflict, outside pools).
import type { MonitoringConfig } from '../config.ts';
import { POOLWATCH } from '../metric-names.ts';
import { inCluster, series } from '../promql.ts';
import type { AlertGroupDraft } from '../types.ts';

export function addressFindingAlerts(config: MonitoringConfig): AlertGroupDraft {
  const { selectors, findings } = config;
  const finding = (code: string) => `${series(POOLWATCH.findings, selectors.poolwatch, `code="${code}"`)} > 0\n`;
  return {
    name: 'metallb-address-findings',
    rules: [
      {
        alert: 'MetalLBPoolOverlap',
        expr: `${series(POOLWATCH.poolOverlapAddresses, selectors.poolwatch)} > 0\n`,
        for: findings.for,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Two MetalLB address pools share addresses.',
          description:
            `Pool {{ $labels.pool }} shares {{ $value | humanize }} addresses with pool {{ $labels.other_pool }}${inCluster(config)}. ` +
            'Usage figures count those addresses twice and the pool a service gets them from is ambiguous.',
        },
      },
      {
        alert: 'MetalLBAddressConflict',
        expr: finding('address-conflict'),
        for: findings.for,
        labels: { severity: 'critical' },
        annotations: {
          summary: 'LoadBalancer services hold the same address without being allowed to share it.',
          description: `poolwatch reports {{ $value }} address conflicts${inCluster(config)}. At least one of the services involved does not receive its traffic.`,
        },
      },
      {
        alert: 'MetalLBAddressOutsidePools',
        expr: finding('address-outside-pools'),
        for: findings.for,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'LoadBalancer services hold addresses that no MetalLB pool contains.',
          description: `poolwatch reports {{ $value }} services${inCluster(config)} whose address lies outside every pool, usually after a pool was shrunk or removed.`,
        },
      },
    ],
  };
}
