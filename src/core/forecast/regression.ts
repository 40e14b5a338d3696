// Least-squares line through (time, value) samples, computed the way PromQL's predict_linear and deriv do.

/** A sample: time in seconds since the epoch (may be fractional) and a value. */
export interface TimedValue {
  t: number;
  v: number;
}

export interface Line {
  /** Change per second. */
  slope: number;
  /** The line's value at `interceptTime`. */
  intercept: number;
}

/**
 * Ordinary least squares over `samples[from..to)`, with x measured in seconds from `interceptTime` so the
 * intercept is the line's value at that time (PromQL passes the evaluation time). A series whose values
 * are all equal has slope 0 and that value as intercept, exactly, without rounding noise.
 * Returns null with fewer than two samples, as PromQL returns nothing then.
 */
export function linearRegression(samples: readonly TimedValue[], interceptTime: number, from = 0, to = samples.length): Line | null {
  if (to - from < 2) return null;
  const first = samples[from]!.v;
  let constant = true;
  const t0 = Math.round(interceptTime * 1000);
  // Neumaier-compensated sums (as PromQL's kahanSumInc): plain sums of x*x over hours of seconds lose
  // enough precision to disagree with Prometheus. Written out inline because this loop is the hot path.
  let sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
  for (let i = from; i < to; i++) {
    const s = samples[i]!;
    const y = s.v;
    if (constant && y !== first) constant = false;
    // PromQL works in integer milliseconds; rounding the same way keeps both answers within float error.
    const x = (Math.round(s.t * 1000) - t0) / 1000;
    let t = sumX + x;
    cX += Math.abs(sumX) >= Math.abs(x) ? sumX - t + x : x - t + sumX;
    sumX = t;
    t = sumY + y;
    cY += Math.abs(sumY) >= Math.abs(y) ? sumY - t + y : y - t + sumY;
    sumY = t;
    const xy = x * y;
    t = sumXY + xy;
    cXY += Math.abs(sumXY) >= Math.abs(xy) ? sumXY - t + xy : xy - t + sumXY;
    sumXY = t;
    const x2 = x * x;
    t = sumX2 + x2;
    cX2 += Math.abs(sumX2) >= Math.abs(x2) ? sumX2 - t + x2 : x2 - t + sumX2;
    sumX2 = t;
  }
  const n = to - from;
  if (constant) return Number.isFinite(first) ? { slope: 0, intercept: first } : { slope: NaN, intercept: NaN };
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return { slope, intercept: sumY / n - (slope * sumX) / n };
}

/** What `predict_linear(v[lookback], horizon)` gives at `now` for these samples (null: too few samples). */
export function predictLinear(samples: readonly TimedValue[], now: number, horizonSeconds: number): number | null {
  const line = linearRegression(samples, now);
  return line ? line.intercept + line.slope * horizonSeconds : null;
}
