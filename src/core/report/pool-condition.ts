// A pool family's condition for people (ok, filling, high, nearly exhausted, exhausted): the alerts' thresholds, one model for the page and the fleet table.
import { DEFAULT_CONFIG, durationSeconds } from '../generate/config.ts';

export type PoolCondition = 'ok' | 'filling' | 'high' | 'nearly-exhausted' | 'exhausted';

export const CONDITION_LABEL: Record<PoolCondition, string> = {
  ok: 'ok',
  filling: 'filling',
  high: 'high',
  'nearly-exhausted': 'nearly exhausted',
  exhausted: 'exhausted',
};

/** Worse conditions rank higher; a pool shows the worst of its families. */
const RANK: Record<PoolCondition, number> = { ok: 0, filling: 1, high: 2, 'nearly-exhausted': 3, exhausted: 4 };

export function conditionRank(c: PoolCondition): number {
  return RANK[c];
}

export function worseCondition(a: PoolCondition, b: PoolCondition): PoolCondition {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The shipped alerts' defaults: MetalLBPoolUtilizationHigh/NearlyExhausted and MetalLBPoolFillingUp's warning tier. */
export interface ConditionThresholds {
  highRatio: number;
  nearlyExhaustedRatio: number;
  /** A filling pool that runs out within this many seconds... */
  fillingHorizonSeconds: number;
  /** ...and has less than this share of its addresses free is "filling". */
  fillingAvailableRatio: number;
}

export const DEFAULT_THRESHOLDS: ConditionThresholds = {
  highRatio: DEFAULT_CONFIG.capacity.highRatio,
  nearlyExhaustedRatio: DEFAULT_CONFIG.capacity.nearlyExhaustedRatio,
  fillingHorizonSeconds: durationSeconds(DEFAULT_CONFIG.forecast.warningHorizon),
  fillingAvailableRatio: DEFAULT_CONFIG.forecast.warningAvailableRatio,
};

/** inUse / total >= ratio, exactly (ratio with up to six decimals). */
function atLeast(inUse: bigint, total: bigint, ratio: number): boolean {
  return inUse * 1_000_000n >= BigInt(Math.round(ratio * 1_000_000)) * total;
}

/**
 * The condition of one pool family. Capacity (exact, in integers) decides first; a pool below the high
 * mark is "filling" when its forecast would raise MetalLBPoolFillingUp's warning: it runs out within the
 * horizon and less than the gate's share of it is free.
 */
export function familyCondition(
  usage: { inUse: bigint; total: bigint } | null,
  forecast: { state: string; exhaustsAtSeconds: number | null } | null,
  now: number,
  t: ConditionThresholds = DEFAULT_THRESHOLDS,
): PoolCondition {
  if (!usage || usage.total <= 0n) return 'ok';
  const { inUse, total } = usage;
  if (inUse >= total) return 'exhausted';
  if (atLeast(inUse, total, t.nearlyExhaustedRatio)) return 'nearly-exhausted';
  if (atLeast(inUse, total, t.highRatio)) return 'high';
  if (
    forecast?.state === 'filling' &&
    forecast.exhaustsAtSeconds !== null &&
    forecast.exhaustsAtSeconds - now <= t.fillingHorizonSeconds &&
    !atLeast(total - inUse, total, t.fillingAvailableRatio)
  ) {
    return 'filling';
  }
  return 'ok';
}
