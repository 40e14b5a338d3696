// A lookup from an address to the labels of every range holding it, in O(log n) by binary search.
import type { IpFamily } from './ip.ts';
import { compareRanges } from './range.ts';
import type { LabelledRange } from './overlap.ts';

interface Segment<T> {
  start: bigint;
  end: bigint;
  labels: T[];
}

/**
 * Splits the ranges into disjoint segments (each with the labels covering it), per family, so a
 * lookup is one binary search. Overlapping input is fine: the overlapped segment lists every label.
 */
export class RangeIndex<T> {
  private readonly segments: Record<IpFamily, Segment<T>[]> = { ipv4: [], ipv6: [] };
  // IPv4 bounds as doubles (exact below 2^53): number comparisons are far cheaper than bigint ones.
  private readonly v4Starts: Float64Array;
  private readonly v4Ends: Float64Array;

  constructor(items: readonly LabelledRange<T>[]) {
    for (const family of ['ipv4', 'ipv6'] as const) {
      const mine = items.filter((i) => i.range.family === family);
      this.segments[family] = buildSegments(mine);
    }
    this.v4Starts = Float64Array.from(this.segments.ipv4, (s) => Number(s.start));
    this.v4Ends = Float64Array.from(this.segments.ipv4, (s) => Number(s.end));
  }

  /** Labels of every range that holds the address, in the order the ranges were given. */
  lookup(family: IpFamily, value: bigint): readonly T[] {
    if (family === 'ipv4') return this.lookupIpv4(Number(value));
    const segs = this.segments[family];
    let lo = 0;
    let hi = segs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segs[mid]!;
      if (value < s.start) hi = mid - 1;
      else if (value > s.end) lo = mid + 1;
      else return s.labels;
    }
    return [];
  }

  /** lookup for an IPv4 address given as a number. */
  lookupIpv4(value: number): readonly T[] {
    const starts = this.v4Starts;
    const ends = this.v4Ends;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (value < starts[mid]!) hi = mid - 1;
      else if (value > ends[mid]!) lo = mid + 1;
      else return this.segments.ipv4[mid]!.labels;
    }
    return [];
  }
}

function buildSegments<T>(items: readonly LabelledRange<T>[]): Segment<T>[] {
  if (items.length === 0) return [];
  const order = new Map<LabelledRange<T>, number>();
  items.forEach((item, i) => order.set(item, i));
  // Boundaries where the covering set can change: every start and every end + 1, sorted without repeats
  // (sorted, not put in a Set: bigints that differ only in their high bits, as IPv6 ones do, hash badly).
  const all: bigint[] = [];
  for (const { range } of items) all.push(range.start, range.end + 1n);
  all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const sortedPoints = all.filter((p, i) => i === 0 || p !== all[i - 1]);
  const byStart = [...items].sort((x, y) => compareRanges(x.range, y.range));
  const segments: Segment<T>[] = [];
  let active: LabelledRange<T>[] = [];
  let next = 0;
  for (let i = 0; i < sortedPoints.length - 1; i++) {
    const start = sortedPoints[i]!;
    const end = sortedPoints[i + 1]! - 1n;
    active = active.filter((x) => x.range.end >= start);
    while (next < byStart.length && byStart[next]!.range.start <= start) active.push(byStart[next++]!);
    if (active.length === 0) continue;
    const labels = [...active].sort((x, y) => order.get(x)! - order.get(y)!).map((x) => x.label);
    const last = segments[segments.length - 1];
    // Merge neighbours with the same labels to keep the index small.
    if (last && last.end + 1n === start && sameLabels(last.labels, labels)) last.end = end;
    else segments.push({ start, end, labels });
  }
  return segments;
}

function sameLabels<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
