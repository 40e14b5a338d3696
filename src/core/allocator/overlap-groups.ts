// Pools grouped by shared addresses: allocator state in one group never depends on services of another.
import type { AddressRange } from '../address/index.ts';
import type { AllocatorPool } from './pool-config.ts';

export interface OverlapGroups {
  /** Pool name -> group number (0 to count - 1). */
  groupOf: ReadonlyMap<string, number>;
  count: number;
}

/**
 * Two pools are in one group when their entries share an address, directly or through other pools. An
 * address's users, a pool's counts and its free addresses are only changed by services holding addresses of
 * the pool (or of a pool overlapping it), so each group's allocations can be restored on their own. Ranges
 * are compared whole, .0/.255 of avoidBuggyIPs pools included: a group may be larger than needed, never
 * smaller.
 */
export function overlapGroups(pools: readonly AllocatorPool[]): OverlapGroups {
  const parent = pools.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const entries: Array<{ range: AddressRange; pool: number }> = [];
  pools.forEach((p, pool) => {
    for (const range of p.entries) entries.push({ range, pool });
  });
  entries.sort((a, b) => (a.range.family !== b.range.family ? (a.range.family < b.range.family ? -1 : 1) : a.range.start < b.range.start ? -1 : a.range.start > b.range.start ? 1 : 0));
  // One sweep in address order: an entry starting at or before the furthest end seen so far overlaps the
  // entry that reaches that far, so it joins that entry's pool.
  let reach: { end: bigint; pool: number; family: string } | null = null;
  for (const e of entries) {
    if (reach && reach.family === e.range.family && e.range.start <= reach.end) {
      parent[find(e.pool)] = find(reach.pool);
      if (e.range.end > reach.end) reach = { end: e.range.end, pool: e.pool, family: e.range.family };
    } else reach = { end: e.range.end, pool: e.pool, family: e.range.family };
  }
  const number = new Map<number, number>();
  const groupOf = new Map<string, number>();
  pools.forEach((p, i) => {
    const root = find(i);
    let g = number.get(root);
    if (g === undefined) {
      g = number.size;
      number.set(root, g);
    }
    groupOf.set(p.name, g);
  });
  return { groupOf, count: number.size };
}
