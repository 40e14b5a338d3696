// Readable exact numbers for the page: digit grouping, 2^n for big powers of two, utilization and pool condition.
import type { FamilyUsageJson, ForecastJson, PoolJson } from './api.ts';
import { familyCondition, worseCondition, type PoolCondition as PoolState } from '../core/report/pool-condition.ts';
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

export type { PoolCondition as PoolState } from '../core/report/pool-condition.ts';
export { CONDITION_LABEL as STATE_LABEL, conditionRank as stateRank } from '../core/report/pool-condition.ts';

/** A family's condition from its numbers alone (the gauge's colour): the alerts' capacity thresholds, exact in bigint. */
export function familyState(u: FamilyUsageJson | null, forecast: ForecastJson | null = null, now = 0): PoolState {
  return familyCondition(u && { inUse: BigInt(u.inUse), total: BigInt(u.total) }, forecast, now);
}

/** A pool's condition: the worst of its families, with "filling" when a forecast would raise the filling-up warning. */
export function poolState(p: PoolJson, forecastOf: (family: 'ipv4' | 'ipv6') => ForecastJson | null, now: number): PoolState {
  return worseCondition(familyState(p.ipv4, forecastOf('ipv4'), now), familyState(p.ipv6, forecastOf('ipv6'), now));
}

export function familyLabel(f: 'ipv4' | 'ipv6'): string {
  return f === 'ipv4' ? 'IPv4' : 'IPv6';
}

export function trendText(perDay: number | null): string {
  if (perDay === null) return '';
  const rounded = Math.abs(perDay) >= 10 ? Math.round(perDay) : Math.round(perDay * 10) / 10;
  return `${rounded > 0 ? '+' : ''}${rounded}/day`;
}

/** "1 finding", "4 findings": a count with its noun in the right number. */
export function plural(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : pluralNoun}`;
}
