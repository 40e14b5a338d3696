// Human forms of exact counts and ratios, shared by finding messages, tables and the page: 256, 2^64, ~1.84e19, 1.2%, bar lengths.

/** Exact below a million; an exact power of two as 2^n; otherwise three significant digits marked with ~. */
export function humanCount(n: bigint): string {
  if (n < 1_000_000n) return n.toString();
  if ((n & (n - 1n)) === 0n) return `2^${n.toString(2).length - 1}`;
  return `~${Number(n).toExponential(2).replace('e+', 'e')}`;
}

/** Percentage with one decimal; never shows 100% unless full, nor 0% unless empty. */
export function humanPercent(inUse: bigint, total: bigint): string {
  if (total === 0n) return '-';
  if (inUse === 0n) return '0%';
  if (inUse >= total) return '100%';
  const tenths = Number((inUse * 1000n) / total);
  if (tenths === 0) return '<0.1%';
  return `${Math.min(tenths, 999) / 10}%`.replace(/^(\d+)%$/, '$1.0%');
}

/** A ten-cell bar; a partly used pool shows at least one cell, a not-full pool at most nine. */
export function bar(inUse: bigint, total: bigint, cells = 10): number {
  if (total === 0n || inUse === 0n) return 0;
  if (inUse >= total) return cells;
  const filled = Number((inUse * BigInt(cells)) / total);
  return Math.min(cells - 1, Math.max(1, filled));
}
