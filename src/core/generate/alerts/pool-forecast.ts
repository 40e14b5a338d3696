// Alert group: pools predicted to run out (node-mixin FillingUp pattern), gated so flat or shrinking pools never fire.
import { durationSeconds, type MonitoringConfig } from '../config.ts';
import { POOLWATCH } from '../metric-names.ts';
import { excludedPools, inCluster, num, series } from '../promql.ts';
import type { AlertDraft, AlertGroupDraft, Severity } from '../types.ts';

export function poolForecastAlerts(config: MonitoringConfig): AlertGroupDraft {
  const sel = [config.selectors.poolwatch, excludedPools(config)];
  const available = series(POOLWATCH.poolAddressesAvailable, ...sel);
  const usable = series(POOLWATCH.poolAddresses, ...sel);
  const { forecast } = config;
  const tier = (severity: Severity, horizon: string, gate: number): AlertDraft => ({
    alert: 'MetalLBPoolFillingUp',
    // Four conditions, all on the same series so every label is kept:
    //  - the ratio gate keeps large, mostly empty pools quiet (a burst in a /64 is not news);
    //  - available > 0 leaves an already exhausted pool to MetalLBPoolExhausted;
    //  - deriv < 0 is the explicit trend gate: a flat pool (deriv 0) or a shrinking one (deriv > 0) never fires;
    //  - predict_linear < 0 is the forecast itself: at the lookback's trend, nothing is left within the horizon.
    expr:
      `(\n  ${available}\n  /\n  (${usable} > 0)\n) < ${num(gate)}\n` +
      `and\n${available} > 0\n` +
      `and\nderiv(${available}[${forecast.lookback}]) < 0\n` +
      `and\npredict_linear(${available}[${forecast.lookback}], ${durationSeconds(horizon)}) < 0\n`,
    for: forecast.for,
    labels: { severity },
    annotations: {
      summary: `A MetalLB address pool is predicted to run out of addresses within ${horizon}.`,
      description:
        `Address pool {{ $labels.pool }} ({{ $labels.family }})${inCluster(config)} has only {{ $value | humanizePercentage }} of its addresses free ` +
        `and, at the allocation rate of the last ${forecast.lookback}, runs out within ${horizon}.`,
    },
  });
  return {
    name: 'metallb-pool-forecast',
    rules: [
      tier('warning', forecast.warningHorizon, forecast.warningAvailableRatio),
      tier('critical', forecast.criticalHorizon, forecast.criticalAvailableRatio),
    ],
  };
}

