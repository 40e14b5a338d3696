// One pool's live accounting: usable capacity per family, and distinct addresses in use per family and namespace.
import { mergeRanges, usableCount, type AddressRange, type IpFamily } from '../address/index.ts';
import type { Pool } from '../model/types.ts';
import type { FamilyUsage } from '../report/types.ts';
import { countPair, NamespaceCounts, type FamilyCounts } from './namespace-counts.ts';

export class PoolState {
  /** The valid entries merged, so an address written twice in one pool counts once. */
  readonly merged: AddressRange[];
  /** Usable addresses per family (after avoidBuggyIPs); null when the pool has no entry of that family. */
  readonly total: Record<IpFamily, bigint | null> = { ipv4: null, ipv6: null };
  /** Distinct addresses attributed to this pool (the ledger keeps these up to date). */
  readonly used: FamilyCounts = { ipv4: 0, ipv6: 0 };
  /** Distinct addresses per namespace of the services holding them. */
  readonly byNamespace = new NamespaceCounts();
  /** Services holding at least one address attributed to this pool. */
  services = 0;
  /** The pool's name, kept here: a batch compares it for every service annotated with its pool. */
  readonly name: string;

  constructor(
    readonly pool: Pool,
    /** Position in the pool list, used for stable ordering. */
    readonly index: number,
  ) {
    this.name = pool.name;
    this.merged = mergeRanges(pool.addresses.flatMap((a) => (a.range ? [a.range] : [])));
    for (const r of this.merged) {
      this.total[r.family] = (this.total[r.family] ?? 0n) + usableCount(r, pool.avoidBuggyIPs);
    }
  }

  /** Forgets every service (before the ledger counts them all again). */
  reset(): void {
    this.used.ipv4 = 0;
    this.used.ipv6 = 0;
    this.byNamespace.clear();
    this.services = 0;
  }

  /** Adds `delta` distinct addresses of `family` for `namespace`. */
  addNamespace(namespace: string, family: IpFamily, delta: number): void {
    this.byNamespace.add(namespace, family, delta);
  }

  /** Distinct addresses per namespace, by namespace name. */
  namespaceCounts(): Record<string, { ipv4: bigint; ipv6: bigint }> {
    return this.byNamespace.toRecord(countPair);
  }

  /** Exact usage of one family, or null when the pool has none of it. */
  usage(family: IpFamily): FamilyUsage | null {
    const total = this.total[family];
    if (total === null) return null;
    const inUse = BigInt(this.used[family]);
    const available = total > inUse ? total - inUse : 0n;
    return { total, inUse, available, utilization: total === 0n ? 0 : Number(inUse) / Number(total) };
  }
}
