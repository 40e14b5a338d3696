// An Alertmanager routing example for the bundle's alerts: critical pages, the rest tickets, and tiers inhibit each other.
import type { MonitoringConfig } from '../config.ts';
import type { AlertmanagerConfig } from '../types.ts';

export function alertmanagerExample(config: MonitoringConfig): AlertmanagerConfig {
  const pool = [config.clusterLabel, 'pool', 'family'];
  return {
    route: {
      receiver: 'default',
      group_by: [config.clusterLabel, 'alertname'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        {
          receiver: 'metallb-pager',
          matchers: ['alertname=~"MetalLB.+"', 'severity="critical"'],
          group_by: [config.clusterLabel, 'alertname', 'pool', 'family'],
          repeat_interval: '1h',
        },
        {
          receiver: 'metallb-tickets',
          matchers: ['alertname=~"MetalLB.+"', 'severity=~"warning|info"'],
          group_by: [config.clusterLabel, 'alertname', 'pool', 'family'],
          repeat_interval: '12h',
        },
      ],
    },
    // Only the most urgent tier of a pool notifies: an exhausted pool is also nearly exhausted and highly used.
    inhibit_rules: [
      {
        source_matchers: ['alertname="MetalLBPoolExhausted"'],
        target_matchers: ['alertname=~"MetalLBPoolNearlyExhausted|MetalLBPoolUtilizationHigh|MetalLBPoolFillingUp"'],
        equal: pool,
      },
      {
        source_matchers: ['alertname="MetalLBPoolNearlyExhausted"'],
        target_matchers: ['alertname="MetalLBPoolUtilizationHigh"'],
        equal: pool,
      },
      {
        source_matchers: ['alertname="MetalLBPoolFillingUp"', 'severity="critical"'],
        target_matchers: ['alertname="MetalLBPoolFillingUp"', 'severity="warning"'],
        equal: pool,
      },
      // One session down: the critical alert from frr-k8s's metrics pages; the one about the services it carries would only repeat it.
      // poolwatch writes node, peer and vrf as frr-k8s's session metrics do (IPv6 compressed, vrf "default"), so they match.
      {
        source_matchers: ['alertname="MetalLBBGPSessionDown"'],
        target_matchers: ['alertname="MetalLBBGPPeerDownWithServices"'],
        equal: [config.clusterLabel, 'node', 'peer', 'vrf'],
      },
      // A controller that is down cannot report its configuration either.
      {
        source_matchers: ['alertname="MetalLBControllerDown"'],
        target_matchers: ['alertname=~"MetalLBConfigNotLoaded|MetalLBConfigStale"'],
        equal: [config.clusterLabel, 'instance'],
      },
    ],
    receivers: [
      { name: 'default' },
      { name: 'metallb-pager', webhook_configs: [{ url: 'https://pager.example.com/hooks/metallb', send_resolved: true }] },
      { name: 'metallb-tickets', webhook_configs: [{ url: 'https://tickets.example.com/hooks/metallb', send_resolved: true }] },
    ],
  };
}
