// Human forms of counts and ratios for tables: 256, 2^64, ~1.84e19, 1.2%, <0.1%, and bar lengths.
export { humanCount } from '../../core/report/human.ts';

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
