// Alert group: is each address reachable? Addresses no speaker announces, layer-2 double announcers, rejected configuration, down sessions carrying services.
import type { MonitoringConfig } from '../config.ts';
import { METALLB, POOLWATCH, PROMETHEUS } from '../metric-names.ts';
import { inCluster, series } from '../promql.ts';
import type { AlertGroupDraft } from '../types.ts';

export function metallbAnnouncementAlerts(config: MonitoringConfig): AlertGroupDraft {
  const { selectors, metallb, clusterLabel } = config;
  const poolwatch = (metric: string, ...matchers: string[]) => series(metric, selectors.poolwatch, ...matchers);
  return {
    name: 'metallb-announcement',
    rules: [
      {
        alert: 'MetalLBAddressNotAnnounced',
        // MetalLB's speakers say what they announce (metallb_speaker_announced, per address and node). An address held
        // from a pool that no speaker announces is unreachable. Only where the speakers are scraped at all (`and on`),
        // and not for addresses outside every pool (MetalLBAddressOutsidePools says that; speakers withdraw them).
        expr:
          `(\n  ${poolwatch(POOLWATCH.serviceAddressInfo, 'pool!=""')}\n  unless on(${clusterLabel}, ip)\n  ${series(METALLB.speakerAnnounced, selectors.speaker)}\n)\n` +
          `and on(${clusterLabel})\n${series(PROMETHEUS.up, selectors.speaker)} == 1\n`,
        for: metallb.notAnnouncedFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A LoadBalancer address is allocated but no MetalLB speaker announces it.',
          description:
            `Service {{ $labels.namespace }}/{{ $labels.service }}${inCluster(config)} holds {{ $labels.ip }} from pool {{ $labels.pool }}, ` +
            `but no speaker has announced it for ${metallb.notAnnouncedFor}: nothing answers for the address. ` +
            'Run `poolwatch explain {{ $labels.namespace }}/{{ $labels.service }}` for the reason.',
        },
      },
      {
        alert: 'MetalLBLayer2MultipleAnnouncers',
        // One ServiceL2Status per announcing node: in layer 2 only the elected owner should answer ARP/NDP.
        expr: `count without (node) (\n  ${poolwatch(POOLWATCH.serviceAnnounced, 'protocol="layer2"')}\n) > 1\n`,
        for: metallb.multipleAnnouncersFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'More than one node announces a layer-2 service address.',
          description:
            `Service {{ $labels.namespace }}/{{ $labels.service }}${inCluster(config)} is announced in layer 2 by {{ $value }} nodes: ` +
            'clients and switches see its address move between MAC addresses.',
        },
      },
      {
        alert: 'MetalLBConfigurationInvalid',
        expr: `${poolwatch(POOLWATCH.metallbConfigValid)} == 0\n`,
        for: metallb.configFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A MetalLB component rejected the configuration (ConfigurationState Invalid).',
          description:
            `MetalLB's {{ $labels.component }}${inCluster(config)} reports its configuration Invalid and keeps running the last valid one: ` +
            'changes made since do not apply. `kubectl get configurationstates -n metallb-system` shows the errorSummary.',
        },
      },
      {
        alert: 'MetalLBBGPPeerDownWithServices',
        // The value is the number of services advertised over the session; sessions that carry none stay quiet here.
        expr: `${poolwatch(POOLWATCH.bgpSessionServices)} > 0\nand\n${poolwatch(POOLWATCH.bgpSessionEstablished)} == 0\n`,
        for: metallb.bgpSessionDownFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A BGP session that services are advertised over is down.',
          description:
            `The BGP session of node {{ $labels.node }} with peer {{ $labels.peer }}{{ with $labels.vrf }} (VRF {{ . }}){{ end }}${inCluster(config)} ` +
            'is not Established: the services advertised over it ({{ $value }}) lose this path.',
        },
      },
    ],
  };
}
