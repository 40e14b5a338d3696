// Overlap detection between labelled ranges by a sweep over sorted starts: O(n log n + overlaps), never pairwise.
import { compareRanges, intersectRanges, type AddressRange } from './range.ts';

export interface LabelledRange<T> {
  range: AddressRange;
  label: T;
}

export interface Overlap<T> {
  a: LabelledRange<T>;
  b: LabelledRange<T>;
  /** The exact overlapping range. */
  range: AddressRange;
}

/**
 * Every pair of ranges that share at least one address. `a` is the range that starts first.
 * Active ranges are kept in a list pruned by end, so the work is proportional to n log n plus the
 * number of overlaps reported.
 */
export function findOverlaps<T>(items: readonly LabelledRange<T>[]): Overlap<T>[] {
  const sorted = [...items].sort((x, y) => compareRanges(x.range, y.range));
  const out: Overlap<T>[] = [];
  let active: LabelledRange<T>[] = [];
  let family: string | null = null;
  for (const item of sorted) {
    if (item.range.family !== family) {
      active = [];
      family = item.range.family;
    }
    // Drop ranges that end before this one starts; they cannot overlap anything later either.
    if (active.length > 0) active = active.filter((x) => x.range.end >= item.range.start);
    for (const other of active) {
      const range = intersectRanges(other.range, item.range);
      if (range) out.push({ a: other, b: item, range });
    }
    active.push(item);
  }
  return out;
}
