// Downsampling tiers for usage history: full resolution recently, coarser with age, nothing older than the last tier.

/** Points younger than `maxAgeSeconds` keep one point per `stepSeconds` bucket (0: keep every point). */
export interface Tier {
  maxAgeSeconds: number;
  stepSeconds: number;
}

const HOUR = 3600;
const DAY = 86400;

/**
 * Every sample for 6 hours (the forecast's window), then one per 10 minutes for 3 days, one per hour for
 * 35 days and one per day for 400 days: about 2,000 points per pool and family, so a year of 1,000
 * dual-stack pools stays near 2,000 lines of a few KB each.
 */
export function defaultTiers(rawSeconds = 6 * HOUR): Tier[] {
  const raw = Math.max(rawSeconds, 6 * HOUR);
  return [
    { maxAgeSeconds: raw, stepSeconds: 0 },
    { maxAgeSeconds: Math.max(raw, 3 * DAY), stepSeconds: 600 },
    { maxAgeSeconds: Math.max(raw, 35 * DAY), stepSeconds: HOUR },
    { maxAgeSeconds: Math.max(raw, 400 * DAY), stepSeconds: DAY },
  ];
}

/** The oldest age any tier keeps. */
export function retentionSeconds(tiers: readonly Tier[]): number {
  return tiers.reduce((max, t) => Math.max(max, t.maxAgeSeconds), 0);
}

/**
 * Keeps, per tier, the last point of each time bucket. Buckets are aligned to the epoch, so compacting
 * again later gives the same points (compaction is idempotent). `points` must be sorted by time.
 */
export function downsample<P extends { t: number }>(points: readonly P[], now: number, tiers: readonly Tier[]): P[] {
  const out: P[] = [];
  const sorted = [...tiers].sort((a, b) => a.maxAgeSeconds - b.maxAgeSeconds);
  const stepFor = (age: number): number | null => {
    for (const tier of sorted) if (age < tier.maxAgeSeconds) return tier.stepSeconds;
    return null;
  };
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const step = stepFor(now - p.t);
    if (step === null) continue; // older than every tier
    if (step > 0) {
      const next = points[i + 1];
      // Drop p when the next point falls in the same bucket of the same tier: the last one wins.
      if (next && stepFor(now - next.t) === step && Math.floor(next.t / step) === Math.floor(p.t / step)) continue;
    }
    out.push(p);
  }
  return out;
}
