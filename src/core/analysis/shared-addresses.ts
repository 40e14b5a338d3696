// Finds the addresses held by more than one service among many at once, by sorting instead of a map entry per address.
/** Room for an entry's position beside its 32-bit IPv4 value in one exact double (32 + 21 = 53 bits). */
export const IPV4_ENTRY_LIMIT = 2 ** 21;

/**
 * The positions of the texts that occur more than once, grouped by text in the order each first occurs,
 * each group in the order given: a map entry per address, for the few IPv6 addresses.
 */
export function repeatedTexts(texts: readonly string[]): number[][] {
  const seen = new Map<string, number | number[]>();
  for (let i = 0; i < texts.length; i++) {
    const prev = seen.get(texts[i]!);
    if (prev === undefined) seen.set(texts[i]!, i);
    else if (typeof prev === 'number') seen.set(texts[i]!, [prev, i]);
    else prev.push(i);
  }
  const out: number[][] = [];
  for (const g of seen.values()) if (typeof g !== 'number') out.push(g);
  return out;
}

/**
 * The positions of the IPv4 values (first `count` of `values`, at most IPV4_ENTRY_LIMIT) that occur more
 * than once, grouped by value in ascending order, each group in the order given. The values are sorted as
 * doubles with their position packed in: several times cheaper than a map entry per address.
 */
export function repeatedIpv4(values: Float64Array, count: number): number[][] {
  if (count > IPV4_ENTRY_LIMIT) throw new RangeError(`at most ${IPV4_ENTRY_LIMIT} IPv4 entries, not ${count}`);
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = values[i]! * IPV4_ENTRY_LIMIT + i;
  keys.sort();
  const out: number[][] = [];
  for (let i = 0; i < count; ) {
    const value = Math.floor(keys[i]! / IPV4_ENTRY_LIMIT);
    let j = i + 1;
    while (j < count && Math.floor(keys[j]! / IPV4_ENTRY_LIMIT) === value) j++;
    if (j - i > 1) {
      const group: number[] = [];
      for (let k = i; k < j; k++) group.push(keys[k]! % IPV4_ENTRY_LIMIT);
      out.push(group);
    }
    i = j;
  }
  return out;
}
