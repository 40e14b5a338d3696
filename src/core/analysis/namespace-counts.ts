// One pool's distinct addresses per namespace: kept as lists in arrival order, with a name index made only when a single change needs it.
import type { FamilyCounts } from './pool-state.ts';

/** bigints of the small counts nearly every per-namespace number is, made once: a report holds thousands of them. */
const SMALL = Array.from({ length: 1024 }, (_, i) => BigInt(i));

export function exactCount(n: number): bigint {
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
 * A batch load appends each namespace once (its records come namespace by namespace), which needs no
 * lookup: a map entry per pool and namespace was a tenth of the whole analysis at 1,000 pools. Single
 * changes look a namespace up through `index`, made on the first of them. A namespace whose counts fall
 * to zero keeps its slot (skipped when read) until the next clear.
 */
export class NamespaceCounts {
  private names: string[] = [];
  private counts: FamilyCounts[] = [];
  private index: Map<string, number> | null = null;

  clear(): void {
    this.names = [];
    this.counts = [];
    this.index = null;
  }

  /**
   * Adds counts for a namespace in a batch, where all of a namespace's counts arrive together (records in
   * key order come namespace by namespace), so only the last namespace appended can be the same one.
   */
  append(namespace: string, ipv4: number, ipv6: number): void {
    const last = this.names.length - 1;
    const c = this.index !== null ? this.entry(namespace) : last >= 0 && this.names[last] === namespace ? this.counts[last] : undefined;
    if (c) {
      c.ipv4 += ipv4;
      c.ipv6 += ipv6;
      return;
    }
    this.names.push(namespace);
    this.counts.push({ ipv4, ipv6 });
  }

  /** A single change: `delta` distinct addresses of one family. */
  add(namespace: string, family: 'ipv4' | 'ipv6', delta: number): void {
    const c = this.entry(namespace);
    if (family === 'ipv4') c.ipv4 += delta;
    else c.ipv6 += delta;
  }

  /** The counts of one namespace, or undefined when it holds nothing here. */
  get(namespace: string): FamilyCounts | undefined {
    const at = this.lookup().get(namespace);
    const c = at === undefined ? undefined : this.counts[at]!;
    return c && (c.ipv4 !== 0 || c.ipv6 !== 0) ? c : undefined;
  }

  /** Every namespace holding something, sorted by name, with its counts. */
  *sorted(): Iterable<[string, FamilyCounts]> {
    const order: number[] = [];
    let inOrder = true;
    for (let i = 0; i < this.names.length; i++) {
      const c = this.counts[i]!;
      if (c.ipv4 === 0 && c.ipv6 === 0) continue;
      if (order.length > 0 && this.names[order[order.length - 1]!]! > this.names[i]!) inOrder = false;
      order.push(i);
    }
    // A batch's namespaces arrive nearly sorted already (by key text), so the sort is mostly skipped.
    if (!inOrder) order.sort((a, b) => (this.names[a]! < this.names[b]! ? -1 : 1));
    for (const i of order) yield [this.names[i]!, this.counts[i]!];
  }

  private lookup(): Map<string, number> {
    if (this.index === null) {
      this.index = new Map();
      for (let i = 0; i < this.names.length; i++) this.index.set(this.names[i]!, i);
    }
    return this.index;
  }

  private entry(namespace: string): FamilyCounts {
    const index = this.lookup();
    let at = index.get(namespace);
    if (at === undefined) {
      at = this.names.length;
      this.names.push(namespace);
      this.counts.push({ ipv4: 0, ipv6: 0 });
      index.set(namespace, at);
    }
    return this.counts[at]!;
  }
}
