// Dashboard row: trend (utilization over time, allocation rate with deriv, days until a pool runs out).
import type { MonitoringConfig } from '../../config.ts';
import { POOLWATCH } from '../../metric-names.ts';
import { perPool, poolLegend, poolwatchSeries } from '../queries.ts';
import type { RowDraft } from '../types.ts';
import { utilizationExpr, utilizationThresholds } from './overview.ts';

export function trendRow(config: MonitoringConfig): RowDraft {
  const lookback = config.forecast.lookback;
  const available = poolwatchSeries(config, POOLWATCH.poolAddressesAvailable);
  return {
    title: 'Trend',
    panels: [
      {
        type: 'timeseries',
        title: 'Utilization over time',
        description: 'Per pool and family; the dashed steps are the alert thresholds.',
        w: 8,
        h: 9,
        targets: [{ expr: utilizationExpr(config), legendFormat: poolLegend(config) }],
        unit: 'percentunit',
        min: 0,
        max: 1,
        thresholds: utilizationThresholds(config),
        options: { legend: { displayMode: 'table', placement: 'bottom', calcs: ['lastNotNull', 'max'] } },
      },
      {
        type: 'timeseries',
        title: 'Allocation rate (addresses per hour)',
        description: 'deriv() of addresses in use over 1h, per hour: positive while services take addresses, negative while they release them. (rate() is for counters and is wrong on this gauge.)',
        w: 8,
        h: 9,
        targets: [{ expr: `${perPool(config, `deriv(${poolwatchSeries(config, POOLWATCH.poolAddressesInUse)}[1h])`)} * 3600`, legendFormat: poolLegend(config) }],
        unit: 'short',
        options: { legend: { displayMode: 'list', placement: 'bottom' } },
      },
      {
        type: 'timeseries',
        title: 'Days until exhaustion',
        description: `Free addresses divided by the rate they were taken at over the last ${lookback} (deriv). Pools that are flat or shrinking have no value: they do not run out.`,
        w: 8,
        h: 9,
        targets: [
          {
            expr: `${perPool(config, available)}\n/\n-(${perPool(config, `deriv(${available}[${lookback}])`)} < 0)\n/ 86400`,
            legendFormat: poolLegend(config),
          },
        ],
        unit: 'd',
        min: 0,
        thresholds: [
          { color: 'red', value: null },
          { color: 'orange', value: 1 },
          { color: 'green', value: 7 },
        ],
        options: { legend: { displayMode: 'table', placement: 'bottom', calcs: ['lastNotNull', 'min'] } },
      },
      {
        type: 'stat',
        title: 'Predicted exhaustion (poolwatch forecast)',
        description: "When poolwatch's own trend says each filling pool family runs out (poolwatch_pool_exhaustion_timestamp_seconds; only pools that are filling have a value).",
        w: 24,
        h: 5,
        targets: [{ expr: `${perPool(config, poolwatchSeries(config, POOLWATCH.poolExhaustionTimestampSeconds))} * 1000`, legendFormat: poolLegend(config), instant: true }],
        unit: 'dateTimeFromNow',
        options: { colorMode: 'none', graphMode: 'none', textMode: 'value_and_name', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
      },
    ],
  };
}
