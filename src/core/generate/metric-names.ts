// Every metric name the monitoring bundle depends on, in one place, so tests can check them against the exporter's declarations.

/** poolwatch's own families (declared by `poolwatch serve`, see docs/metrics.md). */
export const POOLWATCH = {
  poolAddresses: 'poolwatch_pool_addresses',
  poolAddressesInUse: 'poolwatch_pool_addresses_in_use',
  poolAddressesAvailable: 'poolwatch_pool_addresses_available',
  poolInfo: 'poolwatch_pool_info',
  poolServices: 'poolwatch_pool_services',
  namespaceAddressesInUse: 'poolwatch_namespace_addresses_in_use',
  servicePending: 'poolwatch_service_pending',
  serviceAddressInfo: 'poolwatch_service_address_info',
  findings: 'poolwatch_findings',
  poolOverlapAddresses: 'poolwatch_pool_overlap_addresses',
  allocationFailuresTotal: 'poolwatch_allocation_failures_total',
  poolExhaustionTimestampSeconds: 'poolwatch_pool_exhaustion_timestamp_seconds',
  sourceUp: 'poolwatch_source_up',
  sourceLastSyncTimestampSeconds: 'poolwatch_source_last_sync_timestamp_seconds',
  buildInfo: 'poolwatch_build_info',
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

/** FRR-K8s (default BGP backend since MetalLB v0.16): same sets with the `frrk8s_` prefix, `peer` without port. */
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
