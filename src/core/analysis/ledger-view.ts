// The read-only view of the ledger that finding rules, explainers and renderers use.
import type { IpFamily } from '../address/index.ts';
import type { Overlap } from '../address/index.ts';
import type { Advertisement, AllocationFailedEvent, ConfigObject, InputProblem, Namespace, Service } from '../model/types.ts';
import type { ServiceState } from '../report/types.ts';
import type { PoolState } from './pool-state.ts';

/** One address a service holds (from status.loadBalancer.ingress) and the pool it is attributed to. */
export interface HeldAddress {
  family: IpFamily;
  readonly value: bigint;
  /** An IPv4 address's value as a number (cheaper to compare and look up than the bigint); -1 for IPv6. */
  readonly v4: number;
  /** Canonical text. */
  text: string;
  /** null when no pool contains it. */
  pool: PoolState | null;
  /** The service holding it. */
  record: ServiceRecord;
}

export interface ServiceRecord {
  /** `namespace/name`. */
  readonly key: string;
  /** The service's namespace and name (the same strings), kept beside the record's other fields for the passes over every record. */
  namespace: string;
  name: string;
  service: Service;
  state: ServiceState;
  addresses: HeldAddress[];
  /** The addresses' canonical texts, in order: the `ips` of every report made from this record (reports are never changed). */
  ips: string[];
  /** Ingress entries that are not IP addresses. */
  unparsable: string[];
  /** The pool its addresses are attributed to (the first address's), or null. */
  pool: PoolState | null;
  sharingKey: string | null;
  /** The ip-allocated-from-pool annotation (metallb.io/ preferred over the legacy prefix), or null. */
  allocatedFrom: string | null;
  /** What per-service finding rules look for (Note bits), so they visit only the services that have any. */
  notes: number;
}

/**
 * Facts about a service that per-service finding rules report on. The ledger keeps the services with any
 * note in `notableServices()`, so those rules never visit the (nearly all) services with none. A service
 * that could carry a note is never plain in a batch (ServiceColumns), since plain services get no record.
 */
export const Note = {
  /** An annotation under the legacy metallb.universe.tf/ prefix. */
  LegacyAnnotation: 1,
  /** The loadBalancerIPs annotation (either prefix), whose entries must parse. */
  RequestedIps: 2,
  /** spec.loadBalancerIP is set. */
  LoadBalancerIp: 4,
  /** An ingress entry that is not an IP address. */
  UnparsableIngress: 8,
  /** An address that no pool holds. */
  OutsidePools: 16,
  /** ip-allocated-from-pool names a pool other than the one holding an address. */
  StaleAllocation: 32,
} as const;

/** An overlap between two pool address entries (possibly of the same pool). */
export interface PoolEntryRef {
  pool: PoolState;
  /** Index into pool.addresses. */
  entry: number;
}

export interface LedgerView {
  readonly pools: readonly PoolState[];
  readonly advertisements: readonly Advertisement[];
  readonly namespaces: readonly Namespace[];
  readonly problems: readonly InputProblem[];
  /** MetalLB configuration objects as written, in input order. */
  readonly config: readonly ConfigObject[];
  poolByName(name: string): PoolState | undefined;
  /** Every pool holding the address (MetalLB's view: buggy IPs of avoidBuggyIPs pools excluded). */
  poolsHolding(family: IpFamily, value: bigint): readonly PoolState[];
  services(): Iterable<ServiceRecord>;
  service(key: string): ServiceRecord | undefined;
  serviceCount(): number;
  pendingServices(): Iterable<ServiceRecord>;
  /** Services MetalLB handles that have at least one Note. */
  notableServices(): Iterable<ServiceRecord>;
  /** Services holding the address (any state). */
  holders(family: IpFamily, value: bigint): readonly ServiceRecord[];
  /** Services holding the address given as canonical text (see formatIp). */
  holdersOf(text: string): readonly ServiceRecord[];
  /** Addresses held by more than one service. */
  contested(): Iterable<{ family: IpFamily; value: bigint; holders: readonly ServiceRecord[] }>;
  overlaps(): readonly Overlap<PoolEntryRef>[];
  event(serviceKey: string): AllocationFailedEvent | undefined;
}
