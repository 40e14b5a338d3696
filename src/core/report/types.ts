// The analysis result: pools, services and findings with exact bigint counts (see json.ts for the wire form).
import type { BgpSessionFact } from '../announcement/bgp-sessions.ts';
import type { AnnouncementReasonCode } from '../announcement/reasons.ts';
import type { FindingCode, ReasonCode, Severity } from './codes.ts';

export interface FamilyUsage {
  /** Usable addresses (after avoidBuggyIPs). */
  total: bigint;
  /** Distinct addresses held by services: a shared address counts once. */
  inUse: bigint;
  available: bigint;
  /** inUse / total as a float in [0, 1]; 0 when total is 0. */
  utilization: number;
}

export interface PoolReport {
  name: string;
  namespace: string;
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  priority: number | null;
  /** The address entries as written. */
  addresses: string[];
  /** null when the pool has no address of that family. */
  ipv4: FamilyUsage | null;
  ipv6: FamilyUsage | null;
  /** Services holding at least one address from the pool. */
  services: number;
  /** Distinct addresses per namespace and family. */
  namespaces: Record<string, { ipv4: bigint; ipv6: bigint }>;
}

export type ServiceState = 'allocated' | 'pending' | 'ignored';

export interface Reason {
  code: ReasonCode;
  message: string;
}

export type AnnouncementProtocol = 'layer2' | 'bgp' | 'layer2+bgp';
export type AnnouncementState = 'announced' | 'not-announced' | 'partly' | 'unknown';

/** One BGP session a service is advertised over: the BGPPeer, its address, the node, and the session's state. */
export interface AnnouncementPeer {
  name: string;
  address: string | null;
  node: string;
  /** frr-k8s's session state (Established, Active, Idle, ...), or `unknown` when no BGPSessionState says. */
  state: string;
}

/** Whether and how an allocated service's addresses are announced (see docs/announcement.md). */
export interface Announcement {
  /** How its pool is announced; null when nothing announces the pool. */
  protocol: AnnouncementProtocol | null;
  /** The nodes whose speakers announce it (ServiceL2Status / ServiceBGPStatus). */
  nodes: string[];
  /** Layer 2: the interfaces the owning speaker answers on. */
  interfaces: string[];
  peers: AnnouncementPeer[];
  state: AnnouncementState;
  reason: { code: AnnouncementReasonCode; message: string } | null;
}

export interface ServiceReport {
  namespace: string;
  name: string;
  state: ServiceState;
  pool: string | null;
  ips: string[];
  sharingKey: string | null;
  /** True when `simulate` assigned the addresses; false for what the cluster holds. */
  simulated: boolean;
  /** `simulate` only: the addresses the service holds now, which MetalLB would not keep (absent otherwise). */
  previousIps?: string[];
  reason: Reason | null;
  /** For allocated services (null otherwise); absent where nothing is known of announcing (simulate, the fleet view). */
  announcement?: Announcement | null;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** `Kind/namespace/name` of every object involved. */
  objects: string[];
  /** `file:line:col` when read from a file. */
  location: string | null;
}

/** Addresses two pools both hold (after merging each pool's entries). */
export interface PoolOverlapFact {
  pool: string;
  otherPool: string;
  addresses: bigint;
}

/** Facts the edges render (metrics, pages) that are not part of the JSON contract. */
export interface ReportFacts {
  /** One entry per pair of distinct pool names that share addresses, the pool listed first as `pool`. */
  overlaps: PoolOverlapFact[];
  /** The pool a pending service's reason concerns, by `namespace/name`; absent when none is known. */
  pendingPools: ReadonlyMap<string, string>;
  /** What MetalLB and frr-k8s report beyond single services; absent where nothing is known of announcing (simulate, the fleet view). */
  announcement?: AnnouncementFacts;
}

/** MetalLB's configuration state per component, and the BGP sessions with the services they carry. */
export interface AnnouncementFacts {
  /** One entry per ConfigurationState: `component` is its name (`controller`, `speaker-<node>`). */
  configurationStates: ReadonlyArray<{ component: string; result: 'Valid' | 'Invalid' | 'Unknown' }>;
  bgpSessions: readonly BgpSessionFact[];
}

export interface Report {
  generatedAt: string;
  pools: PoolReport[];
  services: ServiceReport[];
  findings: Finding[];
  facts: ReportFacts;
}
