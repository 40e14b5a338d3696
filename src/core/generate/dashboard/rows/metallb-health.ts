// Dashboard row: MetalLB health (BGP and BFD sessions in every mode, layer-2 traffic, configuration state).
import type { MonitoringConfig } from '../../config.ts';
import { FRR_K8S, METALLB } from '../../metric-names.ts';
import { clusterBy, series } from '../../promql.ts';
import { countPerCluster, legend } from '../queries.ts';
import type { RowDraft } from '../types.ts';

export function metallbHealthRow(config: MonitoringConfig): RowDraft {
  const { selectors } = config;
  const cluster = `${config.clusterLabel}=~"$cluster"`;
  const speaker = (metric: string) => series(metric, selectors.speaker, cluster);
  const frr = (metric: string) => series(metric, selectors.frrK8s, cluster);
  const byInstance = clusterBy(config, 'instance');
  // Controller and speakers both export the configuration gauges: per cluster, how many components match a condition.
  const both = (metric: string, condition = '') =>
    `${series(metric, selectors.controller, cluster)}${condition}\n  or\n  ${series(metric, selectors.speaker, cluster)}${condition}`;
  const components = (metric: string, condition: string) => countPerCluster(config, both(metric, ` ${condition}`), `(${both(metric)})`);
  const sessions = { unit: 'short', min: 0, max: 1, thresholds: [{ color: 'red', value: null }, { color: 'green', value: 1 }] };
  return {
    title: 'MetalLB health',
    panels: [
      {
        type: 'timeseries',
        title: 'BGP sessions',
        description: '1 up, 0 down, per speaker (native/FRR mode: metallb_bgp_session_up) or frr-k8s pod (FRR-K8s mode: frrk8s_bgp_session_up, or metallb_bgp_session_up where MetalLB\'s kustomize files or operator rename it).',
        w: 6,
        h: 8,
        targets: [
          { expr: `${speaker(METALLB.bgpSessionUp)}`, legendFormat: legend(config, '{{instance}} → {{peer}}') },
          { expr: `${frr(FRR_K8S.bgpSessionUp)}`, legendFormat: legend(config, '{{instance}} → {{peer}} (frr-k8s)') },
          { expr: `${frr(METALLB.bgpSessionUp)}`, legendFormat: legend(config, '{{instance}} → {{peer}} (frr-k8s, renamed)') },
        ],
        ...sessions,
      },
      {
        type: 'timeseries',
        title: 'BFD sessions',
        description: '1 up, 0 down (metallb_bfd_session_up in deprecated FRR mode, frrk8s_bfd_session_up in FRR-K8s mode, or metallb_bfd_session_up from frr-k8s when renamed).',
        w: 6,
        h: 8,
        targets: [
          { expr: `${speaker(METALLB.bfdSessionUp)}`, legendFormat: legend(config, '{{instance}} → {{peer}}') },
          { expr: `${frr(FRR_K8S.bfdSessionUp)}`, legendFormat: legend(config, '{{instance}} → {{peer}} (frr-k8s)') },
          { expr: `${frr(METALLB.bfdSessionUp)}`, legendFormat: legend(config, '{{instance}} → {{peer}} (frr-k8s, renamed)') },
        ],
        ...sessions,
      },
      {
        type: 'timeseries',
        title: 'Layer-2 requests and responses',
        description: 'ARP/NDP requests received for owned addresses and responses sent, per second (metallb_layer2_requests_received / _responses_sent: no _total suffix).',
        w: 6,
        h: 8,
        targets: [
          { expr: `sum by (${byInstance}) (rate(${speaker(METALLB.layer2RequestsReceived)}[$__rate_interval]))`, legendFormat: legend(config, '{{instance}} requests') },
          { expr: `sum by (${byInstance}) (rate(${speaker(METALLB.layer2ResponsesSent)}[$__rate_interval]))`, legendFormat: legend(config, '{{instance}} responses') },
        ],
        unit: 'reqps',
        options: { legend: { displayMode: 'list', placement: 'bottom' } },
      },
      {
        type: 'stat',
        title: 'Configuration state',
        description: 'Components whose configuration is not loaded, or stale (latest configuration rejected). Both should be 0.',
        w: 6,
        h: 8,
        targets: [
          {
            expr: components(METALLB.configLoaded, '== 0'),
            legendFormat: legend(config, 'not loaded'),
            instant: true,
          },
          {
            expr: components(METALLB.configStale, '== 1'),
            legendFormat: legend(config, 'stale'),
            instant: true,
          },
        ],
        unit: 'short',
        thresholds: [{ color: 'green', value: null }, { color: 'red', value: 1 }],
        options: { colorMode: 'background', graphMode: 'none', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
      },
    ],
  };
}
