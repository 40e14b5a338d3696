// Readable exact numbers for the page: digit grouping, 2^n for big powers of two, utilization and pool state.
import type { FamilyUsageJson, PoolJson } from './api.ts';

/** "1,024"; a power of two above a million also as "2^64". */
export function grouped(text: string): string {
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function shortCount(text: string): string {
  const n = BigInt(text);
  if (n < 1_000_000n) return grouped(text);
  if ((n & (n - 1n)) === 0n) return `2^${n.toString(2).length - 1}`;
  return Number(n).toExponential(2).replace('e+', 'e');
}

/** Percentage with one decimal that never shows 100% unless full, nor 0% unless empty. */
export function percent(u: FamilyUsageJson): string {
  const inUse = BigInt(u.inUse);
  const total = BigInt(u.total);
  if (total === 0n) return '–';
  if (inUse === 0n) return '0%';
  if (inUse >= total) return '100%';
  const tenths = Number((inUse * 1000n) / total);
  if (tenths === 0) return '<0.1%';
  return `${(Math.min(tenths, 999) / 10).toFixed(1)}%`;
}

export type PoolState = 'ok' | 'high' | 'nearly-exhausted' | 'exhausted';
export const STATE_LABEL: Record<PoolState, string> = { ok: 'ok', high: 'high', 'nearly-exhausted': 'nearly exhausted', exhausted: 'exhausted' };
const RANK: Record<PoolState, number> = { ok: 0, high: 1, 'nearly-exhausted': 2, exhausted: 3 };

/** The same thresholds as the findings: 80% high, 95% nearly exhausted, 100% exhausted (exact, in bigint). */
export function familyState(u: FamilyUsageJson | null): PoolState {
  if (!u) return 'ok';
  const inUse = BigInt(u.inUse);
  const total = BigInt(u.total);
  if (total > 0n && inUse >= total) return 'exhausted';
  if (inUse * 100n >= total * 95n && total > 0n) return 'nearly-exhausted';
  if (inUse * 100n >= total * 80n && total > 0n) return 'high';
  return 'ok';
}

export function poolState(p: PoolJson): PoolState {
  const a = familyState(p.ipv4);
  const b = familyState(p.ipv6);
  return RANK[a] >= RANK[b] ? a : b;
}

export function stateRank(s: PoolState): number {
  return RANK[s];
}

export function familyLabel(f: 'ipv4' | 'ipv6'): string {
  return f === 'ipv4' ? 'IPv4' : 'IPv6';
}

export function trendText(perDay: number | null): string {
  if (perDay === null) return '';
  const rounded = Math.abs(perDay) >= 10 ? Math.round(perDay) : Math.round(perDay * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}/day`;
}
