// Dashboard row: services (addresses per namespace, pending services with reasons, current findings).
import type { MonitoringConfig } from '../../config.ts';
import { POOLWATCH } from '../../metric-names.ts';
import { clusterBy } from '../../promql.ts';
import { HIDE_TIME, poolwatchSeries, TABLE } from '../queries.ts';
import type { RowDraft } from '../types.ts';

export function servicesRow(config: MonitoringConfig): RowDraft {
  return {
    title: 'Services',
    panels: [
      {
        type: 'table',
        title: 'Addresses in use per namespace',
        description: 'Which namespaces hold the addresses of each pool (a shared address counts once per namespace that uses it).',
        w: 8,
        h: 9,
        targets: [
          {
            expr: `sort_desc(sum by (${clusterBy(config, 'namespace', 'pool', 'family')}) (${poolwatchSeries(config, POOLWATCH.namespaceAddressesInUse)}))`,
            instant: true,
            format: 'table',
          },
        ],
        unit: 'short',
        options: TABLE,
        transformations: HIDE_TIME,
      },
      {
        type: 'table',
        title: 'Pending services and reasons',
        description: 'LoadBalancer services without an address, with the reason poolwatch found (see docs/reasons.md).',
        w: 8,
        h: 9,
        targets: [
          {
            expr: `max by (${clusterBy(config, 'namespace', 'service', 'reason')}) (${poolwatchSeries(config, POOLWATCH.servicePending, false)} > 0)`,
            instant: true,
            format: 'table',
          },
        ],
        options: TABLE,
        transformations: HIDE_TIME,
      },
      {
        type: 'table',
        title: 'Findings',
        description: 'Current findings by code and severity (see docs/findings.md; `poolwatch lint` or `poolwatch status` lists them).',
        w: 8,
        h: 9,
        targets: [
          {
            expr: `sum by (${clusterBy(config, 'code', 'severity')}) (${poolwatchSeries(config, POOLWATCH.findings, false)} > 0)`,
            instant: true,
            format: 'table',
          },
        ],
        options: TABLE,
        transformations: HIDE_TIME,
      },
    ],
  };
}
