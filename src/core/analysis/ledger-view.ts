// The read-only view of the ledger that finding rules, the allocator and renderers use.
import type { IpFamily } from '../address/index.ts';
import type { Overlap } from '../address/index.ts';
import type { Advertisement, AllocationFailedEvent, ConfigObject, InputProblem, Namespace, Service } from '../model/types.ts';
import type { AnnouncementObjectsIndex } from '../announcement/announcement-objects.ts';
import type { Announcement, ServiceState } from '../report/types.ts';
import type { AddressIndex } from './address-index.ts';
import type { PoolState } from './pool-state.ts';

/** One address a service holds (from status.loadBalancer.ingress) and the pools that hold it. */
export interface HeldAddress {
  family: IpFamily;
  readonly value: bigint;
  /** An IPv4 address's value as a number (cheaper to compare and look up than the bigint); -1 for IPv6. */
  readonly v4: number;
  /** Canonical text. */
  text: string;
  /** Every pool holding the address as MetalLB sees it (a .0/.255 address of an avoidBuggyIPs pool is not in it), in list order. */
  pools: readonly PoolState[];
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
  /** The pool the service's addresses are attributed to (see attributedPool), or null. */
  pool: PoolState | null;
  sharingKey: string | null;
  /** The ip-allocated-from-pool annotation (metallb.io/ preferred over the legacy prefix), or null. */
  allocatedFrom: string | null;
}

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
  /** The one address state: who holds which address, and every pool's distinct counts. */
  readonly addresses: AddressIndex;
  /** MetalLB's --lb-class the ledger was made for (null: services without a loadBalancerClass). */
  readonly loadBalancerClass: string | null;
  poolByName(name: string): PoolState | undefined;
  /** Every pool holding the address (MetalLB's view: buggy IPs of avoidBuggyIPs pools excluded). */
  poolsHolding(family: IpFamily, value: bigint): readonly PoolState[];
  services(): Iterable<ServiceRecord>;
  service(key: string): ServiceRecord | undefined;
  serviceCount(): number;
  pendingServices(): Iterable<ServiceRecord>;
  /** Services holding the address (any state). */
  holders(family: IpFamily, value: bigint): readonly ServiceRecord[];
  /** Services holding the address given as canonical text (see formatIp). */
  holdersOf(text: string): readonly ServiceRecord[];
  /** Addresses held by more than one service. */
  contested(): Iterable<{ family: IpFamily; value: bigint; holders: readonly ServiceRecord[] }>;
  overlaps(): readonly Overlap<PoolEntryRef>[];
  event(serviceKey: string): AllocationFailedEvent | undefined;
  /** What MetalLB reports about announcing. */
  readonly announcementObjects: AnnouncementObjectsIndex;
  /** The announcement of an allocated service; null for pending and ignored ones. */
  announcement(rec: ServiceRecord): Announcement | null;
}
