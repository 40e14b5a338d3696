// Finds the addresses held by more than one service among many at once, by sorting instead of a map entry per address.
import type { HeldAddress } from './ledger-view.ts';

/** Room for the position of an IPv4 address beside its 32-bit value in one exact double (32 + 21 = 53 bits). */
const POSITIONS = 2 ** 21;

/** Groups by address text through a map: used for IPv6, and for IPv4 beyond POSITIONS addresses. */
function groupByText(held: readonly HeldAddress[], out: HeldAddress[][]): void {
  const seen = new Map<string, HeldAddress | HeldAddress[]>();
  for (const a of held) {
    const prev = seen.get(a.text);
    if (prev === undefined) seen.set(a.text, a);
    else if (Array.isArray(prev)) prev.push(a);
    else seen.set(a.text, [prev, a]);
  }
  for (const g of seen.values()) if (Array.isArray(g)) out.push(g);
}

/**
 * Every address held more than once, as a group of its holders in the order given; addresses held once
 * (nearly all) are left out. IPv4 values are sorted as numbers with their position packed in, which is
 * several times cheaper than a map entry per address and keeps each group in the order given.
 */
export function sharedAddressGroups(held: readonly HeldAddress[]): HeldAddress[][] {
  const out: HeldAddress[][] = [];
  const v4: HeldAddress[] = [];
  const v6: HeldAddress[] = [];
  for (const a of held) (a.family === 'ipv4' ? v4 : v6).push(a);
  if (v4.length > POSITIONS) groupByText(v4, out);
  else {
    const keys = new Float64Array(v4.length);
    for (let i = 0; i < v4.length; i++) keys[i] = v4[i]!.v4 * POSITIONS + i;
    keys.sort();
    for (let i = 0; i < keys.length; ) {
      const value = Math.floor(keys[i]! / POSITIONS);
      let j = i + 1;
      while (j < keys.length && Math.floor(keys[j]! / POSITIONS) === value) j++;
      if (j - i > 1) {
        const group: HeldAddress[] = [];
        for (let k = i; k < j; k++) group.push(v4[keys[k]! % POSITIONS]!);
        out.push(group);
      }
      i = j;
    }
  }
  groupByText(v6, out);
  return out;
}
