// One pool's distinct addresses per namespace: kept as lists in arrival order, with a name index made only when a single change needs it.
import { dictionary } from '../report/dictionary.ts';
import { compareNamespaces } from './record-order.ts';
import type { FamilyCounts } from './pool-state.ts';

/** bigints of the small counts nearly every per-namespace number is, made once: a report holds thousands of them. */
const SMALL = Array.from({ length: 1024 }, (_, i) => BigInt(i));

function exactCount(n: number): bigint {
  return n < SMALL.length ? SMALL[n]! : BigInt(n);
}

/** Report values for small count pairs, made once and shared (a report is never changed): most pool and namespace pairs hold a few addresses. */
const PAIRS: Readonly<{ ipv4: bigint; ipv6: bigint }>[] = [];
const PAIR_LIMIT = 32;

/** The report's `{ ipv4, ipv6 }` for one namespace of one pool. */
export function countPair(ipv4: number, ipv6: number): { ipv4: bigint; ipv6: bigint } {
  if (ipv4 >= PAIR_LIMIT || ipv6 >= PAIR_LIMIT) return { ipv4: exactCount(ipv4), ipv6: exactCount(ipv6) };
  const at = ipv4 * PAIR_LIMIT + ipv6;
  return (PAIRS[at] ??= Object.freeze({ ipv4: exactCount(ipv4), ipv6: exactCount(ipv6) })) as { ipv4: bigint; ipv6: bigint };
}

/**
 * A batch load sets every namespace's counts at once, in key order, with no lookup: a map entry per pool
 * and namespace was a tenth of the whole analysis at 1,000 pools. A single change finds a namespace by
 * binary search while the names are still a batch's (a batch's repeated addresses take counts back from
 * most pools, and a map per pool for that was a measurable part of the load), else through `index`, made
 * on the first change that adds a namespace. A namespace whose counts fall to zero keeps its slot (skipped
 * when read) until the next clear. Counts are parallel number lists, not an object per namespace.
 */
export class NamespaceCounts {
  private names: string[] = [];
  private v4: number[] = [];
  private v6: number[] = [];
  /** Name -> position; while null, the names are in key order (a batch's, or none). */
  private index: Map<string, number> | null = null;

  clear(): void {
    this.names = [];
    this.v4 = [];
    this.v6 = [];
    this.index = null;
  }

  /** Replaces every count at once, as a batch has them: one entry per namespace, in key order (the lists are kept as given). */
  load(names: string[], ipv4: number[], ipv6: number[]): void {
    this.names = names;
    this.v4 = ipv4;
    this.v6 = ipv6;
    this.index = null;
  }

  /** A single change: `delta` distinct addresses of one family. */
  add(namespace: string, family: 'ipv4' | 'ipv6', delta: number): void {
    const at = this.slot(namespace);
    if (family === 'ipv4') this.v4[at]! += delta;
    else this.v6[at]! += delta;
  }

  /** The counts of one namespace, or undefined when it holds nothing here. */
  get(namespace: string): FamilyCounts | undefined {
    const at = this.lookup().get(namespace);
    if (at === undefined || (this.v4[at] === 0 && this.v6[at] === 0)) return undefined;
    return { ipv4: this.v4[at]!, ipv6: this.v6[at]! };
  }

  /** Every namespace holding something, by name (sorted), with `pair` of its counts. */
  toRecord<T>(pair: (ipv4: number, ipv6: number) => T): Record<string, T> {
    const order: number[] = [];
    let inOrder = true;
    for (let i = 0; i < this.names.length; i++) {
      if (this.v4[i] === 0 && this.v6[i] === 0) continue;
      if (order.length > 0 && this.names[order[order.length - 1]!]! > this.names[i]!) inOrder = false;
      order.push(i);
    }
    // A batch's namespaces arrive nearly sorted already (by key text), so the sort is mostly skipped.
    if (!inOrder) order.sort((a, b) => (this.names[a]! < this.names[b]! ? -1 : 1));
    const out = dictionary<T>();
    for (const i of order) out[this.names[i]!] = pair(this.v4[i]!, this.v6[i]!);
    return out;
  }

  /** The position of `namespace` by binary search of names in key order, or -1. */
  private search(namespace: string): number {
    let lo = 0;
    let hi = this.names.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = compareNamespaces(this.names[mid]!, namespace);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private lookup(): Map<string, number> {
    if (this.index === null) {
      this.index = new Map();
      for (let i = 0; i < this.names.length; i++) this.index.set(this.names[i]!, i);
    }
    return this.index;
  }

  private slot(namespace: string): number {
    if (this.index === null) {
      const at = this.search(namespace);
      if (at >= 0) return at;
    }
    const index = this.lookup();
    let at = index.get(namespace);
    if (at === undefined) {
      at = this.names.length;
      this.names.push(namespace);
      this.v4.push(0);
      this.v6.push(0);
      index.set(namespace, at);
    }
    return at;
  }
}
