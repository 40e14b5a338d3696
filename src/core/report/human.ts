// Human forms of exact address counts, shared by finding messages and tables: 256, 2^64, ~1.84e19.

/** Exact below a million; an exact power of two as 2^n; otherwise three significant digits marked with ~. */
export function humanCount(n: bigint): string {
  if (n < 1_000_000n) return n.toString();
  if ((n & (n - 1n)) === 0n) return `2^${n.toString(2).length - 1}`;
  return `~${Number(n).toExponential(2).replace('e+', 'e')}`;
}
