// Dashboard row: announcement (which node announces each service, its state, BGP sessions per node and peer, MetalLB's configuration state).
import type { MonitoringConfig } from '../../config.ts';
import { POOLWATCH } from '../../metric-names.ts';
import { clusterBy } from '../../promql.ts';
import { HIDE_TIME, legend, poolwatchSeries, TABLE } from '../queries.ts';
import type { RowDraft } from '../types.ts';

export function announcementRow(config: MonitoringConfig): RowDraft {
  // These families have no pool label: the row follows the cluster variable only. Replicas report the same, hence max.
  const family = (metric: string) => poolwatchSeries(config, metric, false);
  const upDown = { min: 0, max: 1, thresholds: [{ color: 'red', value: null }, { color: 'green', value: 1 }] };
  return {
    title: 'Announcement',
    panels: [
      {
        type: 'table',
        title: 'Announcing nodes per service',
        description: 'The nodes whose MetalLB speakers report announcing each service (ServiceL2Status, ServiceBGPStatus), with the protocol. A service missing here is not announced: see the state panel and `poolwatch explain`.',
        w: 8,
        h: 9,
        targets: [{ expr: `max by (${clusterBy(config, 'namespace', 'service', 'protocol', 'node')}) (${family(POOLWATCH.serviceAnnounced)})`, instant: true, format: 'table' }],
        options: TABLE,
        transformations: HIDE_TIME,
      },
      {
        type: 'bargauge',
        title: 'Services by announcement state',
        description: 'Services holding an address, by announcement state: announced, partly (some BGP sessions down), not-announced, unknown (MetalLB writes no status objects). See docs/announcement.md.',
        w: 4,
        h: 9,
        targets: [
          {
            expr: `count by (${clusterBy(config, 'state')}) (\n  max by (${clusterBy(config, 'namespace', 'service', 'state')}) (${family(POOLWATCH.serviceAnnouncementState)})\n)`,
            legendFormat: legend(config, '{{state}}'),
            instant: true,
          },
        ],
        unit: 'short',
        min: 0,
        options: { displayMode: 'basic', orientation: 'horizontal', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
      },
      {
        type: 'timeseries',
        title: 'BGP sessions per node and peer',
        description: '1 Established, 0 in any other state, per node and peer, as frr-k8s reports them in BGPSessionState (none in native BGP mode: see MetalLB health).',
        w: 8,
        h: 9,
        targets: [{ expr: `max by (${clusterBy(config, 'node', 'peer', 'vrf')}) (${family(POOLWATCH.bgpSessionEstablished)})`, legendFormat: legend(config, '{{node}} → {{peer}} {{vrf}}') }],
        unit: 'short',
        ...upDown,
      },
      {
        type: 'stat',
        title: 'MetalLB configuration state',
        description: 'Per component (controller, speaker-<node>), whether its ConfigurationState is Valid (1) or Invalid (0); MetalLB v0.15.3+.',
        w: 4,
        h: 9,
        targets: [{ expr: `max by (${clusterBy(config, 'component')}) (${family(POOLWATCH.metallbConfigValid)})`, legendFormat: legend(config, '{{component}}'), instant: true }],
        unit: 'short',
        ...upDown,
        options: { colorMode: 'background', graphMode: 'none', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
      },
    ],
  };
}
