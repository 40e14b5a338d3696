// In-memory usage history per pool and family: recording samples, compaction by tiers, ranges and forecast inputs.
import type { IpFamily } from '../address/index.ts';
import type { PoolReport } from '../report/types.ts';
import type { SeriesInput } from '../forecast/index.ts';
import { defaultTiers, downsample, type Tier } from './tiers.ts';

export interface HistoryPoint {
  /** Seconds since the epoch. */
  t: number;
  inUse: bigint;
  total: bigint;
}

/** One pool family's use at one moment. */
export interface UsageSample {
  pool: string;
  family: IpFamily;
  inUse: bigint;
  total: bigint;
}

export interface HistorySeries {
  pool: string;
  family: IpFamily;
  points: HistoryPoint[];
}

export function seriesKey(pool: string, family: IpFamily): string {
  return `${family}\u0000${pool}`;
}

/** The samples a status report gives: one per pool and family the pool has. */
export function usageSamples(pools: readonly PoolReport[]): UsageSample[] {
  const out: UsageSample[] = [];
  for (const p of pools) {
    if (p.ipv4) out.push({ pool: p.name, family: 'ipv4', inUse: p.ipv4.inUse, total: p.ipv4.total });
    if (p.ipv6) out.push({ pool: p.name, family: 'ipv6', inUse: p.ipv6.inUse, total: p.ipv6.total });
  }
  return out;
}

/** Index of the first point with t >= bound (inclusive) or t > bound (exclusive). */
function searchTime(points: readonly HistoryPoint[], bound: number, inclusive: boolean): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = points[mid]!.t;
    if (inclusive ? t >= bound : t > bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class HistoryStore {
  readonly tiers: Tier[];
  private readonly byKey = new Map<string, HistorySeries>();

  constructor(tiers: Tier[] = defaultTiers()) {
    this.tiers = tiers;
  }

  /** Adds one sample per series at time t; a sample not newer than the series' last point is ignored. */
  record(t: number, samples: readonly UsageSample[]): void {
    for (const s of samples) {
      const key = seriesKey(s.pool, s.family);
      let series = this.byKey.get(key);
      if (!series) {
        series = { pool: s.pool, family: s.family, points: [] };
        this.byKey.set(key, series);
      }
      const last = series.points[series.points.length - 1];
      if (last && last.t >= t) continue;
      series.points.push({ t, inUse: s.inUse, total: s.total });
    }
  }

  /** Downsamples every series by the tiers and drops series left with no points. */
  compact(now: number): void {
    for (const [key, series] of this.byKey) {
      series.points = downsample(series.points, now, this.tiers);
      if (series.points.length === 0) this.byKey.delete(key);
    }
  }

  all(): HistorySeries[] {
    return [...this.byKey.values()].sort((a, b) => (a.pool === b.pool ? a.family.localeCompare(b.family) : a.pool < b.pool ? -1 : 1));
  }

  get(pool: string, family: IpFamily): HistorySeries | null {
    return this.byKey.get(seriesKey(pool, family)) ?? null;
  }

  /** Points of one series with from <= t <= to. */
  range(pool: string, family: IpFamily, from: number, to: number): HistoryPoint[] {
    const points = this.get(pool, family)?.points ?? [];
    const start = searchTime(points, from, true);
    const end = searchTime(points, to, false);
    return points.slice(start, end);
  }

  /** The samples of the most recent recording: what the pools looked like last (deleted pools drop out). */
  latestSamples(): UsageSample[] {
    let latest = -Infinity;
    for (const s of this.byKey.values()) latest = Math.max(latest, s.points[s.points.length - 1]?.t ?? -Infinity);
    const out: UsageSample[] = [];
    for (const s of this.all()) {
      const last = s.points[s.points.length - 1];
      if (last && last.t === latest) out.push({ pool: s.pool, family: s.family, inUse: last.inUse, total: last.total });
    }
    return out;
  }

  /** Time of the most recent point, or null when empty. */
  latestTime(): number | null {
    let latest: number | null = null;
    for (const s of this.byKey.values()) {
      const t = s.points[s.points.length - 1]?.t;
      if (t !== undefined && (latest === null || t > latest)) latest = t;
    }
    return latest;
  }

  pointCount(): number {
    let n = 0;
    for (const s of this.byKey.values()) n += s.points.length;
    return n;
  }

  /** Forecast inputs for the pools as they are now, with the history inside the lookback window. */
  forecastInputs(current: readonly UsageSample[], now: number, lookbackSeconds: number): SeriesInput[] {
    return current.map((c) => {
      const points = this.range(c.pool, c.family, now - lookbackSeconds, now);
      return { pool: c.pool, family: c.family, inUse: c.inUse, total: c.total, samples: points.map((p) => ({ t: p.t, v: Number(p.inUse) })) };
    });
  }
}
