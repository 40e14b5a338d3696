// The read-only view of the ledger that finding rules, the allocator and renderers use.
import type { IpFamily } from '../address/index.ts';
import type { Overlap } from '../address/index.ts';
import type { Advertisement, AllocationFailedEvent, ConfigObject, InputProblem, Namespace } from '../model/types.ts';
import type { AnnouncementObjectsIndex } from '../announcement/announcement-objects.ts';
import type { Announcement } from '../report/types.ts';
import type { AddressIndex } from './address-index.ts';
import type { PoolState } from './pool-state.ts';
import type { ServiceRecord } from './records.ts';

export type { HeldAddress, ServiceRecord } from './records.ts';

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
