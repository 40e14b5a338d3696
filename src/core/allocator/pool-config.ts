// The pools as the allocator sees them: usable entries in listed order, resolved serviceAllocation, and pool order per service.
import {
  isBuggyIp,
  mergeRanges,
  RangeIndex,
  usableCount,
  type AddressRange,
  type IpAddress,
  type IpFamily,
} from '../address/index.ts';
import { choosePool, poolsHoldingAll } from '../analysis/attribution.ts';
import { formatSelector, selectorMatches } from '../model/selectors.ts';
import type { LabelSelector, Namespace, Pool, Service } from '../model/types.ts';

export interface PoolAllocationRules {
  /** Lower positive first; 0 (or unset) sorts after every positive priority. */
  priority: number;
  /** spec.serviceAllocation.namespaces plus every namespace its namespaceSelectors match (resolved now). */
  namespaces: ReadonlySet<string>;
  /** A priority-only serviceAllocation gets one match-everything selector, as MetalLB does. */
  serviceSelectors: readonly LabelSelector[];
}

export interface AllocatorPool {
  name: string;
  pool: Pool;
  /** The parsable spec.addresses entries, in the order written (the order MetalLB allocates in). */
  entries: readonly AddressRange[];
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  /** Usable addresses per family (after avoidBuggyIPs); 0n when the pool has none of that family. */
  total: Readonly<Record<IpFamily, bigint>>;
  /** null when the pool has no serviceAllocation. */
  rules: PoolAllocationRules | null;
}

const EVERYTHING: LabelSelector = { matchLabels: {}, matchExpressions: [] };

export function hasFamily(p: AllocatorPool, family: IpFamily): boolean {
  return p.total[family] > 0n;
}

function compile(pool: Pool, namespaces: readonly Namespace[]): AllocatorPool {
  const entries = pool.addresses.flatMap((a) => (a.range ? [a.range] : []));
  const total: Record<IpFamily, bigint> = { ipv4: 0n, ipv6: 0n };
  // Merged first, so an entry listed twice is not counted twice.
  for (const r of mergeRanges(entries)) total[r.family] += usableCount(r, pool.avoidBuggyIPs);
  let rules: PoolAllocationRules | null = null;
  const sa = pool.serviceAllocation;
  if (sa) {
    const selected = new Set(sa.namespaces);
    for (const sel of sa.namespaceSelectors) {
      for (const ns of namespaces) if (selectorMatches(sel, ns.labels)) selected.add(ns.name);
    }
    const onlyPriority = sa.namespaces.length === 0 && sa.namespaceSelectors.length === 0 && sa.serviceSelectors.length === 0;
    rules = {
      priority: sa.priority !== null && sa.priority > 0 ? sa.priority : 0,
      namespaces: selected,
      serviceSelectors: onlyPriority ? [EVERYTHING] : sa.serviceSelectors,
    };
  }
  return { name: pool.name, pool, entries, autoAssign: pool.autoAssign, avoidBuggyIPs: pool.avoidBuggyIPs, total, rules };
}

/** Pool order: lower positive priority first, unset (0) last; ties by name (MetalLB leaves them random). */
export function comparePools(a: AllocatorPool, b: AllocatorPool): number {
  const pa = a.rules?.priority ?? 0;
  const pb = b.rules?.priority ?? 0;
  if (pa !== pb) {
    if (pa === 0) return 1;
    if (pb === 0) return -1;
    return pa - pb;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The compiled pool configuration. namespaceSelectors are resolved against the namespaces given here,
 * as MetalLB resolves them when it loads its configuration.
 */
export class PoolConfig {
  readonly byName = new Map<string, AllocatorPool>();
  /** Every pool, sorted by name. */
  readonly all: readonly AllocatorPool[];
  /** autoAssign pools without serviceAllocation: MetalLB's fallback, here in name order. */
  readonly fallback: readonly AllocatorPool[];
  private readonly byNamespace = new Map<string, AllocatorPool[]>();
  private readonly bySelector: AllocatorPool[] = [];
  private readonly index: RangeIndex<AllocatorPool>;

  constructor(pools: readonly Pool[], namespaces: readonly Namespace[]) {
    for (const pool of pools) {
      // A second pool with the same name is a configuration error MetalLB refuses; the first one wins here.
      if (!this.byName.has(pool.name)) this.byName.set(pool.name, compile(pool, namespaces));
    }
    this.all = [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.fallback = this.all.filter((p) => p.autoAssign && !p.rules);
    for (const p of this.all) {
      if (!p.rules) continue;
      for (const ns of p.rules.namespaces) {
        const list = this.byNamespace.get(ns) ?? [];
        list.push(p);
        this.byNamespace.set(ns, list);
      }
      if (p.rules.serviceSelectors.length > 0) this.bySelector.push(p);
    }
    this.index = new RangeIndex(this.all.flatMap((p) => p.entries.map((range) => ({ range, label: p }))));
  }

  get(name: string): AllocatorPool | undefined {
    return this.byName.get(name);
  }

  /** Why the pool's serviceAllocation excludes the service, or null when it may serve it (isPoolCompatibleWithService). */
  incompatibility(p: AllocatorPool, svc: Service): string | null {
    const rules = p.rules;
    if (!rules) return null;
    const sa = p.pool.serviceAllocation;
    if (rules.namespaces.size > 0 && !rules.namespaces.has(svc.namespace)) {
      const parts: string[] = [];
      if (sa && sa.namespaces.length > 0) parts.push(`namespaces ${sa.namespaces.join(', ')}`);
      if (sa && sa.namespaceSelectors.length > 0) parts.push(`namespaces matching ${sa.namespaceSelectors.map(formatSelector).join(' or ')}`);
      return `serves only ${parts.join(' and ')}`;
    }
    // Selectors that match no namespace leave the set empty, which MetalLB's check treats as "any namespace".
    if (rules.serviceSelectors.length > 0 && !rules.serviceSelectors.some((s) => selectorMatches(s, svc.labels))) {
      return `serves only services labelled ${rules.serviceSelectors.map(formatSelector).join(' or ')}`;
    }
    return null;
  }

  compatible(p: AllocatorPool, svc: Service): boolean {
    return this.incompatibility(p, svc) === null;
  }

  /** The pools pinned to the service (by namespace or service selector), autoAssign only, in priority order. */
  pinnedFor(svc: Service): AllocatorPool[] {
    const seen = new Set<AllocatorPool>();
    for (const p of this.byNamespace.get(svc.namespace) ?? []) seen.add(p);
    for (const p of this.bySelector) seen.add(p);
    return [...seen].filter((p) => p.autoAssign && this.compatible(p, svc)).sort(comparePools);
  }

  /** Pools holding the address (skipping a pool where it is a buggy .0/.255 address), by name. */
  poolsHolding(ip: IpAddress): readonly AllocatorPool[] {
    const all = this.index.lookup(ip.family, ip.value);
    if (!isBuggyIp(ip.family, ip.value)) return all;
    return all.filter((p) => !p.avoidBuggyIPs);
  }

  /** The pool holding every address, as the ledger attributes it (attributedPool: the annotated pool, else the first by name), or null. */
  poolFor(ips: readonly IpAddress[], annotated: string | null = null): AllocatorPool | null {
    if (ips.length === 0) return null;
    return choosePool(poolsHoldingAll(ips.map((ip) => this.poolsHolding(ip))), annotated);
  }
}
