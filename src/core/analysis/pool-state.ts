// One pool's live accounting: usable capacity per family, and distinct addresses in use per family and namespace.
import { mergeRanges, usableCount, type AddressRange, type IpFamily } from '../address/index.ts';
import type { Pool } from '../model/types.ts';
import { dictionary } from '../report/dictionary.ts';
import type { FamilyUsage } from '../report/types.ts';

/** Distinct addresses per family. Plain numbers: they count addresses held in memory, far below 2^53. */
export interface FamilyCounts {
  ipv4: number;
  ipv6: number;
}

/** bigints of the small counts nearly every per-namespace number is, made once: a report holds thousands of them. */
const SMALL = Array.from({ length: 1024 }, (_, i) => BigInt(i));

function exact(n: number): bigint {
  return n < SMALL.length ? SMALL[n]! : BigInt(n);
}

export class PoolState {
  /** The valid entries merged, so an address written twice in one pool counts once. */
  readonly merged: AddressRange[];
  /** Usable addresses per family (after avoidBuggyIPs); null when the pool has no entry of that family. */
  readonly total: Record<IpFamily, bigint | null> = { ipv4: null, ipv6: null };
  /** Distinct addresses attributed to this pool (the ledger keeps these up to date). */
  readonly used: FamilyCounts = { ipv4: 0, ipv6: 0 };
  /** Distinct addresses per namespace of the services holding them. */
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

  /** Forgets every service (before the ledger counts them all again). */
  reset(): void {
    this.used.ipv4 = 0;
    this.used.ipv6 = 0;
    this.byNamespace.clear();
    this.services = 0;
  }

  /** Adds distinct addresses of both families for `namespace` at once (a batch load sums them first). */
  addNamespaceCounts(namespace: string, ipv4: number, ipv6: number): void {
    const c = this.byNamespace.get(namespace);
    if (!c) this.byNamespace.set(namespace, { ipv4, ipv6 });
    else {
      c.ipv4 += ipv4;
      c.ipv6 += ipv6;
    }
  }

  /** Adds `delta` distinct addresses of `family` for `namespace`. */
  addNamespace(namespace: string, family: IpFamily, delta: number): void {
    let c = this.byNamespace.get(namespace);
    if (!c) this.byNamespace.set(namespace, (c = { ipv4: 0, ipv6: 0 }));
    if (family === 'ipv4') c.ipv4 += delta;
    else c.ipv6 += delta;
    if (c.ipv4 === 0 && c.ipv6 === 0) this.byNamespace.delete(namespace);
  }

  /** Distinct addresses per namespace, by namespace name. */
  namespaceCounts(): Record<string, { ipv4: bigint; ipv6: bigint }> {
    const out = dictionary<{ ipv4: bigint; ipv6: bigint }>();
    for (const ns of [...this.byNamespace.keys()].sort()) {
      const c = this.byNamespace.get(ns)!;
      out[ns] = { ipv4: exact(c.ipv4), ipv6: exact(c.ipv6) };
    }
    return out;
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
