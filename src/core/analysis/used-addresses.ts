// The set of addresses in use for one family, kept as sorted disjoint runs so the next free address is found by arithmetic.
import { isBuggyIp, type IpFamily } from '../address/index.ts';

/**
 * Used addresses of one family as sorted runs (merged intervals of consecutive used addresses). Membership
 * lives with the owner (a map or set whose keys `values` lists): the runs are built lazily from it on the
 * first search, then kept up to date on every add and delete, so a bulk load costs one sort and a search
 * costs O(runs skipped × log runs), never one step per address (an IPv6 /48 holds 2^80 of them).
 */
export class UsedAddresses {
  private starts: bigint[] = [];
  private ends: bigint[] = [];
  private built = false;

  /** Forgets the runs (rebuilt from `values` on the next search). */
  reset(): void {
    this.starts = [];
    this.ends = [];
    this.built = false;
  }

  /** `values` lists the used addresses; the owner calls add/delete exactly when one becomes used or free. */
  constructor(
    readonly family: IpFamily,
    private readonly values: () => Iterable<bigint>,
  ) {}

  add(value: bigint): void {
    if (this.built) this.insertRun(value);
  }

  delete(value: bigint): void {
    if (this.built) this.removeRun(value);
  }

  /**
   * The lowest address in [start, end] that is not in use, skipping IPv4 addresses ending in .0 and .255
   * when `avoidBuggyIPs` is set; null when there is none.
   */
  firstFree(start: bigint, end: bigint, avoidBuggyIPs: boolean): bigint | null {
    this.build();
    const skipBuggy = avoidBuggyIPs && this.family === 'ipv4';
    let x = start;
    while (x <= end) {
      if (skipBuggy && isBuggyIp('ipv4', x)) {
        x += (x & 255n) === 255n ? 2n : 1n;
        continue;
      }
      const i = this.runAtOrBefore(x);
      if (i >= 0 && this.ends[i]! >= x) {
        x = this.ends[i]! + 1n;
        continue;
      }
      return x;
    }
    return null;
  }

  /** Number of sorted runs (for tests and benchmarks). */
  runCount(): number {
    this.build();
    return this.starts.length;
  }

  private build(): void {
    if (this.built) return;
    if (this.family === 'ipv4') return this.buildIpv4();
    const sorted = [...this.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const starts: bigint[] = [];
    const ends: bigint[] = [];
    for (const v of sorted) {
      const last = ends.length - 1;
      if (last >= 0 && ends[last]! + 1n === v) ends[last] = v;
      else {
        starts.push(v);
        ends.push(v);
      }
    }
    this.starts = starts;
    this.ends = ends;
    this.built = true;
  }

  /**
   * IPv4 addresses fit a double exactly, so they are sorted as a Float64Array (a numeric sort without a
   * comparator call or a bigint comparison per step); only the run bounds become bigints.
   */
  private buildIpv4(): void {
    const numbers: number[] = [];
    for (const v of this.values()) numbers.push(Number(v));
    const sorted = Float64Array.from(numbers).sort();
    const starts: bigint[] = [];
    const ends: bigint[] = [];
    let i = 0;
    while (i < sorted.length) {
      const start = sorted[i]!;
      let end = start;
      i++;
      while (i < sorted.length && sorted[i]! <= end + 1) end = sorted[i++]!;
      starts.push(BigInt(start));
      ends.push(BigInt(end));
    }
    this.starts = starts;
    this.ends = ends;
    this.built = true;
  }

  /** Index of the last run starting at or before x, or -1. */
  private runAtOrBefore(x: bigint): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= x) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private insertRun(v: bigint): void {
    const i = this.runAtOrBefore(v);
    if (i >= 0 && this.ends[i]! >= v) return; // already inside a run
    const joinsLeft = i >= 0 && this.ends[i]! + 1n === v;
    const joinsRight = i + 1 < this.starts.length && this.starts[i + 1]! === v + 1n;
    if (joinsLeft && joinsRight) {
      this.ends[i] = this.ends[i + 1]!;
      this.starts.splice(i + 1, 1);
      this.ends.splice(i + 1, 1);
    } else if (joinsLeft) {
      this.ends[i] = v;
    } else if (joinsRight) {
      this.starts[i + 1] = v;
    } else {
      this.starts.splice(i + 1, 0, v);
      this.ends.splice(i + 1, 0, v);
    }
  }

  private removeRun(v: bigint): void {
    const i = this.runAtOrBefore(v);
    if (i < 0 || this.ends[i]! < v) return;
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    if (s === v && e === v) {
      this.starts.splice(i, 1);
      this.ends.splice(i, 1);
    } else if (s === v) {
      this.starts[i] = v + 1n;
    } else if (e === v) {
      this.ends[i] = v - 1n;
    } else {
      this.ends[i] = v - 1n;
      this.starts.splice(i + 1, 0, v + 1n);
      this.ends.splice(i + 1, 0, e);
    }
  }
}
