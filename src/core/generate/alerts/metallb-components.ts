// Alert group: MetalLB controller and speakers themselves (configuration loaded, not stale, targets up).
import type { MonitoringConfig } from '../config.ts';
import { METALLB, PROMETHEUS } from '../metric-names.ts';
import { inCluster, series } from '../promql.ts';
import type { AlertGroupDraft } from '../types.ts';

export function metallbComponentAlerts(config: MonitoringConfig): AlertGroupDraft {
  const { selectors, metallb } = config;
  // Both binaries export the config gauges; a label matcher cannot OR two jobs, so the two selections are joined with `or`.
  const both = (metric: string, condition: string) =>
    `${series(metric, selectors.controller)} ${condition}\nor\n${series(metric, selectors.speaker)} ${condition}\n`;
  const target = '{{ $labels.job }} target {{ $labels.instance }}';
  return {
    name: 'metallb-components',
    rules: [
      {
        alert: 'MetalLBConfigNotLoaded',
        expr: both(METALLB.configLoaded, '== 0'),
        for: metallb.configFor,
        labels: { severity: 'critical' },
        annotations: {
          summary: 'A MetalLB component has never loaded its configuration.',
          description: `${target}${inCluster(config)} has not loaded a valid MetalLB configuration; it allocates or announces nothing.`,
        },
      },
      {
        alert: 'MetalLBConfigStale',
        expr: both(METALLB.configStale, '== 1'),
        for: metallb.configFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A MetalLB component runs on a stale configuration.',
          description: `${target}${inCluster(config)} rejected the latest MetalLB configuration and keeps running the previous one.`,
        },
      },
      {
        alert: 'MetalLBControllerDown',
        expr: `${series(PROMETHEUS.up, selectors.controller)} == 0\n`,
        for: metallb.targetDownFor,
        labels: { severity: 'critical' },
        annotations: {
          summary: 'The MetalLB controller cannot be scraped.',
          description: `${target}${inCluster(config)} is down: no new LoadBalancer service gets an address while the controller is away.`,
        },
      },
      {
        alert: 'MetalLBSpeakerDown',
        expr: `${series(PROMETHEUS.up, selectors.speaker)} == 0\n`,
        for: metallb.targetDownFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A MetalLB speaker cannot be scraped.',
          description: `${target}${inCluster(config)} is down: addresses announced from its node move elsewhere (layer 2) or lose a path (BGP).`,
        },
      },
    ],
  };
}
