// Every metric name the monitoring bundle depends on: poolwatch's own from the family declarations, other projects' written here.
import { allocationFailuresTotal } from '../metrics/families/allocation-failures-total.ts';
import { bgpSessionEstablished } from '../metrics/families/bgp-session-established.ts';
import { bgpSessionServices } from '../metrics/families/bgp-session-services.ts';
import { buildInfo } from '../metrics/families/build-info.ts';
import { findings } from '../metrics/families/findings.ts';
import { metallbConfigValid } from '../metrics/families/metallb-config-valid.ts';
import { namespaceAddressesInUse } from '../metrics/families/namespace-addresses-in-use.ts';
import { poolAddressesAvailable } from '../metrics/families/pool-addresses-available.ts';
import { poolAddressesInUse } from '../metrics/families/pool-addresses-in-use.ts';
import { poolAddresses } from '../metrics/families/pool-addresses.ts';
import { poolExhaustionTimestampSeconds } from '../metrics/families/pool-exhaustion-timestamp-seconds.ts';
import { poolInfo } from '../metrics/families/pool-info.ts';
import { poolOverlapAddresses } from '../metrics/families/pool-overlap-addresses.ts';
import { poolServices } from '../metrics/families/pool-services.ts';
import { serviceAddressInfo } from '../metrics/families/service-address-info.ts';
import { serviceAnnounced } from '../metrics/families/service-announced.ts';
import { serviceAnnouncementState } from '../metrics/families/service-announcement-state.ts';
import { servicePending } from '../metrics/families/service-pending.ts';
import { sourceLastSyncTimestampSeconds } from '../metrics/families/source-last-sync-timestamp-seconds.ts';
import { sourceUp } from '../metrics/families/source-up.ts';

/** poolwatch's own families the bundle reads, by the names their declarations give (see docs/metrics.md). */
export const POOLWATCH = {
  poolAddresses: poolAddresses.name,
  poolAddressesInUse: poolAddressesInUse.name,
  poolAddressesAvailable: poolAddressesAvailable.name,
  poolInfo: poolInfo.name,
  poolServices: poolServices.name,
  namespaceAddressesInUse: namespaceAddressesInUse.name,
  servicePending: servicePending.name,
  serviceAddressInfo: serviceAddressInfo.name,
  findings: findings.name,
  poolOverlapAddresses: poolOverlapAddresses.name,
  allocationFailuresTotal: allocationFailuresTotal.name,
  poolExhaustionTimestampSeconds: poolExhaustionTimestampSeconds.name,
  sourceUp: sourceUp.name,
  sourceLastSyncTimestampSeconds: sourceLastSyncTimestampSeconds.name,
  buildInfo: buildInfo.name,
  serviceAnnounced: serviceAnnounced.name,
  serviceAnnouncementState: serviceAnnouncementState.name,
  metallbConfigValid: metallbConfigValid.name,
  bgpSessionEstablished: bgpSessionEstablished.name,
  bgpSessionServices: bgpSessionServices.name,
} as const;

/** For each poolwatch family the bundle reads: its type and the labels the rules and dashboard rely on. */
export const POOLWATCH_USAGE: Record<string, { type: 'gauge' | 'counter'; labels: readonly string[] }> = {
  [POOLWATCH.poolAddresses]: { type: 'gauge', labels: ['pool', 'family'] },
  [POOLWATCH.poolAddressesInUse]: { type: 'gauge', labels: ['pool', 'family'] },
  [POOLWATCH.poolAddressesAvailable]: { type: 'gauge', labels: ['pool', 'family'] },
  [POOLWATCH.poolInfo]: { type: 'gauge', labels: ['pool'] },
  [POOLWATCH.poolServices]: { type: 'gauge', labels: ['pool'] },
  [POOLWATCH.namespaceAddressesInUse]: { type: 'gauge', labels: ['pool', 'namespace', 'family'] },
  [POOLWATCH.servicePending]: { type: 'gauge', labels: ['namespace', 'service', 'reason'] },
  [POOLWATCH.serviceAddressInfo]: { type: 'gauge', labels: ['namespace', 'service', 'pool', 'ip'] },
  [POOLWATCH.findings]: { type: 'gauge', labels: ['code', 'severity'] },
  [POOLWATCH.poolOverlapAddresses]: { type: 'gauge', labels: ['pool', 'other_pool'] },
  [POOLWATCH.allocationFailuresTotal]: { type: 'counter', labels: ['namespace', 'reason'] },
  [POOLWATCH.poolExhaustionTimestampSeconds]: { type: 'gauge', labels: ['pool', 'family'] },
  [POOLWATCH.sourceUp]: { type: 'gauge', labels: [] },
  [POOLWATCH.sourceLastSyncTimestampSeconds]: { type: 'gauge', labels: [] },
  [POOLWATCH.buildInfo]: { type: 'gauge', labels: [] },
  [POOLWATCH.serviceAnnounced]: { type: 'gauge', labels: ['namespace', 'service', 'protocol', 'node'] },
  [POOLWATCH.serviceAnnouncementState]: { type: 'gauge', labels: ['namespace', 'service', 'state'] },
  [POOLWATCH.metallbConfigValid]: { type: 'gauge', labels: ['component'] },
  [POOLWATCH.bgpSessionEstablished]: { type: 'gauge', labels: ['node', 'peer', 'vrf'] },
  [POOLWATCH.bgpSessionServices]: { type: 'gauge', labels: ['node', 'peer', 'vrf'] },
};

/**
 * MetalLB's real names (controller and speaker). Counters from client_golang's classic format carry no
 * `_total` unless the name itself has it, so the layer-2 counters are `..._received` / `..._sent`.
 */
export const METALLB = {
  configLoaded: 'metallb_k8s_client_config_loaded_bool',
  configStale: 'metallb_k8s_client_config_stale_bool',
  /** Native and (deprecated) FRR mode, label `peer` (`IP:port`), plus `vrf` in FRR mode. */
  bgpSessionUp: 'metallb_bgp_session_up',
  bgpAnnouncedPrefixes: 'metallb_bgp_announced_prefixes_total',
  bgpUpdatesTotal: 'metallb_bgp_updates_total',
  /** Deprecated FRR mode sidecar only. */
  bfdSessionUp: 'metallb_bfd_session_up',
  layer2RequestsReceived: 'metallb_layer2_requests_received',
  layer2ResponsesSent: 'metallb_layer2_responses_sent',
  layer2GratuitousSent: 'metallb_layer2_gratuitous_sent',
  speakerAnnounced: 'metallb_speaker_announced',
} as const;

/**
 * FRR-K8s (default BGP backend since MetalLB v0.16): same sets with the `frrk8s_` prefix, `peer` without port.
 * MetalLB's own kustomize files and its operator rename them to `metallb_bgp_*` / `metallb_bfd_*` on this endpoint.
 */
export const FRR_K8S = {
  bgpSessionUp: 'frrk8s_bgp_session_up',
  bgpAnnouncedPrefixes: 'frrk8s_bgp_announced_prefixes_total',
  bfdSessionUp: 'frrk8s_bfd_session_up',
} as const;

/** kube-state-metrics, for clusters that alert on pending services without poolwatch. */
export const KUBE_STATE_METRICS = {
  serviceSpecType: 'kube_service_spec_type',
  serviceLoadBalancerIngress: 'kube_service_status_load_balancer_ingress',
} as const;

/** Prometheus's own per-target series. */
export const PROMETHEUS = { up: 'up', alerts: 'ALERTS' } as const;

/** Names of the recording rules this bundle defines (level:metric:operations). */
export const RECORDED = {
  poolUtilization: 'pool_family:poolwatch_pool_utilization:ratio',
  poolAvailable: 'pool_family:poolwatch_pool_available:ratio',
  clusterUtilization: 'cluster_family:poolwatch_pool_utilization:ratio',
  clusterAvailable: 'cluster_family:poolwatch_pool_available:ratio',
  poolAllocationRate: 'pool_family:poolwatch_pool_addresses_in_use:deriv1h',
} as const;
