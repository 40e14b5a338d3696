// Exhaustion forecast per pool and family: a predict_linear-style line over a lookback window, solved for "in use = total".
import type { IpFamily } from '../address/index.ts';
import { linearRegression, type TimedValue } from './regression.ts';

export interface ForecastOptions {
  /** Evaluation time, seconds since the epoch. */
  now: number;
  /** Samples newer than now - lookback are used (left-open, as PromQL range selectors are). Default 6h. */
  lookbackSeconds?: number;
  /** Less history than this fraction of the lookback gives "insufficient-history". Default 0.1 (36 min of 6 h). */
  minCoverage?: number;
}

export const DEFAULT_LOOKBACK_SECONDS = 6 * 3600;
const DEFAULT_MIN_COVERAGE = 0.1;
const MIN_SAMPLES = 3;
/** A line that reaches the total only after this long says nothing useful (an IPv6 /64 growing by 100 a day). */
export const FORECAST_HORIZON_SECONDS = 100 * 365.25 * 86400;

/** One pool family's use over time: in-use samples (oldest first) and the current exact numbers. */
export interface SeriesInput {
  pool: string;
  family: IpFamily;
  /** In-use samples sorted by time. */
  samples: readonly TimedValue[];
  inUse: bigint;
  total: bigint;
}

/**
 * - `filling`: the trend is upward; `exhaustsAt` says when the line reaches the total.
 * - `not-filling`: flat or falling over the window, or the line reaches the total only after 100 years.
 * - `exhausted`: in use already equals the total.
 * - `insufficient-history`: too few samples or too short a span to say; `hint` says what is missing.
 */
export type ForecastState = 'filling' | 'not-filling' | 'exhausted' | 'insufficient-history';

export interface Forecast {
  pool: string;
  family: IpFamily;
  inUse: bigint;
  total: bigint;
  state: ForecastState;
  /** Slope of the fitted line in addresses per day (null when there is too little history). */
  trendPerDay: number | null;
  /** Seconds since the epoch at which the line reaches the total; only when `filling`. */
  exhaustsAt: number | null;
  /** Samples inside the window and the time they span, in seconds. */
  samples: number;
  spanSeconds: number;
  lookbackSeconds: number;
  hint: string | null;
}

/** Index of the first sample with t > bound (samples sorted by time). */
function firstAfter(samples: readonly TimedValue[], bound: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid]!.t > bound) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function formatSeconds(seconds: number): string {
  if (seconds >= 86400 && seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${Math.round(seconds)}s`;
}

export function forecastSeries(input: SeriesInput, options: ForecastOptions): Forecast {
  const lookback = options.lookbackSeconds ?? DEFAULT_LOOKBACK_SECONDS;
  const minSpan = lookback * (options.minCoverage ?? DEFAULT_MIN_COVERAGE);
  const { now } = options;
  const from = firstAfter(input.samples, now - lookback);
  const to = firstAfter(input.samples, now);
  const count = Math.max(0, to - from);
  const span = count > 0 ? input.samples[to - 1]!.t - input.samples[from]!.t : 0;
  const base = { pool: input.pool, family: input.family, inUse: input.inUse, total: input.total, samples: count, spanSeconds: span, lookbackSeconds: lookback };
  const exhausted = input.inUse >= input.total;
  const line = count >= MIN_SAMPLES && span >= minSpan ? linearRegression(input.samples, now, from, to) : null;
  if (exhausted) {
    return { ...base, state: 'exhausted', trendPerDay: line ? line.slope * 86400 : null, exhaustsAt: null, hint: null };
  }
  if (!line || !Number.isFinite(line.slope)) {
    return {
      ...base,
      state: 'insufficient-history',
      trendPerDay: null,
      exhaustsAt: null,
      hint: `needs at least ${formatSeconds(minSpan)} of history in the last ${formatSeconds(lookback)} (${MIN_SAMPLES}+ samples); has ${count} sample${count === 1 ? '' : 's'} over ${formatSeconds(Math.round(span))}`,
    };
  }
  if (line.slope <= 0) return { ...base, state: 'not-filling', trendPerDay: line.slope * 86400, exhaustsAt: null, hint: null };
  // in use(t) = intercept + slope * (t - now); solve for the total. A line already above the total means "now".
  const remaining = Number(input.total) - line.intercept;
  const exhaustsAt = now + Math.max(0, remaining / line.slope);
  if (exhaustsAt - now > FORECAST_HORIZON_SECONDS) return { ...base, state: 'not-filling', trendPerDay: line.slope * 86400, exhaustsAt: null, hint: null };
  return { ...base, state: 'filling', trendPerDay: line.slope * 86400, exhaustsAt, hint: null };
}

/** Forecasts for many series; linear in the number of samples inside the windows. */
export function forecastAll(inputs: readonly SeriesInput[], options: ForecastOptions): Forecast[] {
  return inputs.map((input) => forecastSeries(input, options));
}
