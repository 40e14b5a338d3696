// One pool's live accounting: usable capacity per family, and reference-counted distinct addresses in use per family and namespace.
import { mergeRanges, usableCount, type AddressRange, type IpFamily } from '../address/index.ts';
import type { Pool } from '../model/types.ts';
import type { FamilyUsage } from '../report/types.ts';

/** Address -> number of services holding it; `size` is the distinct count MetalLB reports. */
export type RefCounts = Map<bigint, number>;

export interface FamilyCounts {
  ipv4: RefCounts;
  ipv6: RefCounts;
}

function newCounts(): FamilyCounts {
  return { ipv4: new Map(), ipv6: new Map() };
}

function increment(m: RefCounts, value: bigint): void {
  m.set(value, (m.get(value) ?? 0) + 1);
}

function decrement(m: RefCounts, value: bigint): void {
  const n = m.get(value);
  if (n === undefined) return;
  if (n <= 1) m.delete(value);
  else m.set(value, n - 1);
}

export class PoolState {
  /** The valid entries merged, so an address written twice in one pool counts once. */
  readonly merged: AddressRange[];
  /** Usable addresses per family (after avoidBuggyIPs); null when the pool has no entry of that family. */
  readonly total: Record<IpFamily, bigint | null> = { ipv4: null, ipv6: null };
  readonly inUse: FamilyCounts = newCounts();
  readonly byNamespace = new Map<string, FamilyCounts>();
  /** Services holding at least one address attributed to this pool. */
  services = 0;

  constructor(
    readonly pool: Pool,
    /** Position in the pool list, used for stable ordering. */
    readonly index: number,
  ) {
    this.merged = mergeRanges(pool.addresses.flatMap((a) => (a.range ? [a.range] : [])));
    for (const r of this.merged) {
      this.total[r.family] = (this.total[r.family] ?? 0n) + usableCount(r, pool.avoidBuggyIPs);
    }
  }

  get name(): string {
    return this.pool.name;
  }

  add(family: IpFamily, value: bigint, namespace: string): void {
    increment(this.inUse[family], value);
    let ns = this.byNamespace.get(namespace);
    if (!ns) this.byNamespace.set(namespace, (ns = newCounts()));
    increment(ns[family], value);
  }

  remove(family: IpFamily, value: bigint, namespace: string): void {
    decrement(this.inUse[family], value);
    const ns = this.byNamespace.get(namespace);
    if (!ns) return;
    decrement(ns[family], value);
    if (ns.ipv4.size === 0 && ns.ipv6.size === 0) this.byNamespace.delete(namespace);
  }

  /** Exact usage of one family, or null when the pool has none of it. */
  usage(family: IpFamily): FamilyUsage | null {
    const total = this.total[family];
    if (total === null) return null;
    const inUse = BigInt(this.inUse[family].size);
    const available = total > inUse ? total - inUse : 0n;
    return { total, inUse, available, utilization: total === 0n ? 0 : Number(inUse) / Number(total) };
  }
}
