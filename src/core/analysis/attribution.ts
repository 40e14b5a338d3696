// The one attribution rule: which pool a service's addresses count as taken from, as MetalLB decides it.
/*
 * MetalLB's controller writes the pool it allocated from into the ip-allocated-from-pool annotation. When it
 * restores an allocation it asks for a pool that holds every address of the service (its poolFor, which
 * picks among overlapping pools in map order, at random). poolwatch follows that: the annotated pool when
 * it holds every address, else the first pool by name that does (the tie MetalLB leaves to chance). When no
 * single pool holds them all (MetalLB would not keep the allocation), the first address that a pool holds
 * decides, by the same rule. The ledger, the allocator, `simulate` and the server all call these functions.
 */

interface Named {
  readonly name: string;
}

/** Among pools that hold an address: the annotated one when it is among them, else the first by name; null when none. */
export function choosePool<P extends Named>(candidates: readonly P[], annotated: string | null): P | null {
  if (candidates.length <= 1) return candidates[0] ?? null;
  if (annotated !== null) {
    for (const p of candidates) if (p.name === annotated) return p;
  }
  let best = candidates[0]!;
  for (let i = 1; i < candidates.length; i++) if (candidates[i]!.name < best.name) best = candidates[i]!;
  return best;
}

/** The pools in `first` that are also in every other list (the pools holding every address of a service). */
export function poolsHoldingAll<P>(lists: readonly (readonly P[])[]): readonly P[] {
  if (lists.length === 0) return [];
  let common = lists[0]!;
  for (let i = 1; i < lists.length && common.length > 0; i++) {
    const other = lists[i]!;
    common = common.filter((p) => other.includes(p));
  }
  return common;
}

/** The pool a service holding addresses with these pools is attributed to (see the rule above), or null when no pool holds any of them. */
export function attributedPool<P extends Named>(poolsPerAddress: readonly (readonly P[])[], annotated: string | null): P | null {
  if (poolsPerAddress.length === 1) return choosePool(poolsPerAddress[0]!, annotated);
  const common = poolsHoldingAll(poolsPerAddress);
  if (common.length > 0) return choosePool(common, annotated);
  for (const pools of poolsPerAddress) if (pools.length > 0) return choosePool(pools, annotated);
  return null;
}
