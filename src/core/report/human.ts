// Human forms of exact counts and ratios, shared by finding messages, tables and the page: 256, 2^64, ~1.84e19, 1.2%, bar lengths.

/** Exact below a million; an exact power of two as 2^n; otherwise three significant digits marked with ~. */
export function humanCount(n: bigint): string {
  if (n < 1_000_000n) return n.toString();
  if ((n & (n - 1n)) === 0n) return `2^${n.toString(2).length - 1}`;
  return `~${Number(n).toExponential(2).replace('e+', 'e')}`;
}

/**
 * Tenths of a percent as shown: rounded half up (2/3 is 66.7%), but never 100% unless full (99.96% shows
 * 99.9%) and never 0% unless empty (0 means "below 0.05%", shown as <0.1%). Every percentage poolwatch shows
 * (tables, finding messages, the page's gauges and bars) comes from here.
 */
export function shownTenths(inUse: bigint, total: bigint): number {
  if (total <= 0n || inUse <= 0n) return 0;
  if (inUse >= total) return 1000;
  const rounded = Number((inUse * 2000n + total) / (2n * total));
  return Math.min(rounded, 999);
}

/** Percentage with one decimal, rounded as shownTenths says; `-` for an empty total. */
export function humanPercent(inUse: bigint, total: bigint): string {
  if (total === 0n) return '-';
  if (inUse === 0n) return '0%';
  const tenths = shownTenths(inUse, total);
  if (tenths === 1000) return '100%';
  if (tenths === 0) return '<0.1%';
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** The used fraction as drawn (0 to 1): the shown percentage, so a drawing never says more or less than the number beside it. */
export function shownFraction(inUse: bigint, total: bigint): number {
  return shownTenths(inUse, total) / 1000;
}

/**
 * A ten-cell bar of the shown percentage, rounded: a pool at 0.1% or more shows at least one cell, one
 * below that (an IPv6 /64 with a few addresses used) none, and a pool not full at most nine.
 */
export function bar(inUse: bigint, total: bigint, cells = 10): number {
  const tenths = shownTenths(inUse, total);
  if (tenths === 0) return 0;
  if (tenths === 1000) return cells;
  const filled = Math.round((tenths * cells) / 1000);
  return Math.min(cells - 1, Math.max(1, filled));
}
