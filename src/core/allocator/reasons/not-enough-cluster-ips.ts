// Pending reason not-enough-cluster-ips: RequireDualStack with fewer than two clusterIPs (or a single-family service network).
import { pendingReason } from './reason.ts';

export const notEnoughClusterIps = pendingReason('not-enough-cluster-ips');
