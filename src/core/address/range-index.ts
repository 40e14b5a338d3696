// A lookup from an address to the labels of every range holding it, in O(log n) by binary search.
import type { IpFamily } from './ip.ts';
import { compareRanges } from './range.ts';
import type { LabelledRange } from './overlap.ts';

/** 128-bit values as three doubles each: bits 127-80, 79-32 and 31-0 (each exact in a double). */
function splitIpv6(values: readonly bigint[]): Float64Array {
  const out = new Float64Array(values.length * 3);
  values.forEach((v, i) => {
    out[i * 3] = Number(v >> 80n);
    out[i * 3 + 1] = Number((v >> 32n) & 0xffffffffffffn);
    out[i * 3 + 2] = Number(v & 0xffffffffn);
  });
  return out;
}

/** Compares (a, b, c) with the three doubles of `words` at `at`. */
function compareWords(a: number, b: number, c: number, words: Float64Array, at: number): number {
  return a !== words[at] ? a - words[at]! : b !== words[at + 1] ? b - words[at + 1]! : c - words[at + 2]!;
}

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
  // IPv6 bounds as three doubles each (the top 48 bits, the next 48, the low 32): compared in turn, they
  // order addresses as the bigints do, and a lookup from eight groups needs no bigint.
  private readonly v6Starts: Float64Array;
  private readonly v6Ends: Float64Array;

  constructor(items: readonly LabelledRange<T>[]) {
    for (const family of ['ipv4', 'ipv6'] as const) {
      const mine = items.filter((i) => i.range.family === family);
      this.segments[family] = buildSegments(mine);
    }
    this.v4Starts = Float64Array.from(this.segments.ipv4, (s) => Number(s.start));
    this.v4Ends = Float64Array.from(this.segments.ipv4, (s) => Number(s.end));
    this.v6Starts = splitIpv6(this.segments.ipv6.map((s) => s.start));
    this.v6Ends = splitIpv6(this.segments.ipv6.map((s) => s.end));
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

  /** lookup for an IPv6 address given as its eight 16-bit groups. */
  lookupIpv6Groups(groups: ArrayLike<number>): readonly T[] {
    const a = groups[0]! * 2 ** 32 + groups[1]! * 65536 + groups[2]!;
    const b = groups[3]! * 2 ** 32 + groups[4]! * 65536 + groups[5]!;
    const c = groups[6]! * 65536 + groups[7]!;
    const starts = this.v6Starts;
    const ends = this.v6Ends;
    let lo = 0;
    let hi = starts.length / 3 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = mid * 3;
      if (compareWords(a, b, c, starts, at) < 0) hi = mid - 1;
      else if (compareWords(a, b, c, ends, at) > 0) lo = mid + 1;
      else return this.segments.ipv6[mid]!.labels;
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
