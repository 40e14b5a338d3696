// The analysis result: pools, services and findings with exact bigint counts (see json.ts for the wire form).
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

export interface ServiceReport {
  namespace: string;
  name: string;
  state: ServiceState;
  pool: string | null;
  ips: string[];
  sharingKey: string | null;
  /** True when `simulate` assigned the addresses; false for what the cluster holds. */
  simulated: boolean;
  reason: Reason | null;
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
}

export interface Report {
  generatedAt: string;
  pools: PoolReport[];
  services: ServiceReport[];
  findings: Finding[];
  facts: ReportFacts;
}
