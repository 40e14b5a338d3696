// Readable exact numbers for the page: digit grouping, 2^n for big powers of two, utilization and pool state.
import type { FamilyUsageJson, PoolJson } from './api.ts';
import { humanCount } from '../core/report/human.ts';
import { humanPercent } from '../cli/render/numbers.ts';

/** "1,024": digit groups for exact counts. */
export function grouped(text: string): string {
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Grouped digits below a million, else the CLI's form (2^64, ~1.84e19). */
export function shortCount(text: string): string {
  const n = BigInt(text);
  return n < 1_000_000n ? grouped(text) : humanCount(n);
}

/** The CLI's percentage: one decimal, never 100% unless full, nor 0% unless empty. */
export function percent(u: FamilyUsageJson): string {
  return humanPercent(BigInt(u.inUse), BigInt(u.total));
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
