// One pool's distinct addresses per namespace: kept as lists in arrival order, found by name.
import { dictionary } from '../report/dictionary.ts';
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
 * Counts are parallel number lists with a name -> position map, not an object per namespace. A namespace
 * whose counts fall to zero keeps its slot (skipped when read) until the next clear.
 */
export class NamespaceCounts {
  private names: string[] = [];
  private v4: number[] = [];
  private v6: number[] = [];
  private readonly index = new Map<string, number>();

  clear(): void {
    this.names = [];
    this.v4 = [];
    this.v6 = [];
    this.index.clear();
  }

  /** A change: `delta` distinct addresses of one family. */
  add(namespace: string, family: 'ipv4' | 'ipv6', delta: number): void {
    let at = this.index.get(namespace);
    if (at === undefined) {
      at = this.names.length;
      this.names.push(namespace);
      this.v4.push(0);
      this.v6.push(0);
      this.index.set(namespace, at);
    }
    if (family === 'ipv4') this.v4[at]! += delta;
    else this.v6[at]! += delta;
  }

  /** The counts of one namespace, or undefined when it holds nothing here. */
  get(namespace: string): FamilyCounts | undefined {
    const at = this.index.get(namespace);
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
    // Services usually arrive in key order, so their namespaces are mostly sorted already.
    if (!inOrder) order.sort((a, b) => (this.names[a]! < this.names[b]! ? -1 : 1));
    const out = dictionary<T>();
    for (const i of order) out[this.names[i]!] = pair(this.v4[i]!, this.v6[i]!);
    return out;
  }
}
