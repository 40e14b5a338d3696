// Words and wire form for forecasts: "runs out in about 3 days", and the JSON shape used by the API and the CLI.
import type { Forecast, ForecastState } from './forecast.ts';

/** "about 3 days", "about 5 hours", "less than a minute": rounded, for people. */
export function humanDuration(seconds: number): string {
  const units: Array<[number, string]> = [
    [365.25 * 86400, 'year'],
    [30.44 * 86400, 'month'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  // Switch to the larger unit only from two of it, so 36 hours reads "about 36 hours", not "about 2 days".
  for (const [size, name] of units) {
    if (seconds >= 2 * size || (size === 60 && seconds >= size)) {
      const n = Math.round(seconds / size);
      return `about ${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return 'less than a minute';
}

/** One short phrase per forecast, the same in the CLI, the page and the API. */
export function describeForecast(f: Pick<Forecast, 'state' | 'exhaustsAt'>, now: number): string {
  switch (f.state) {
    case 'filling':
      return f.exhaustsAt !== null && f.exhaustsAt <= now ? 'runs out now' : `runs out in ${humanDuration((f.exhaustsAt ?? now) - now)}`;
    case 'exhausted':
      return 'exhausted';
    case 'not-filling':
      return 'not filling';
    case 'insufficient-history':
      return 'not enough history yet';
  }
}

export interface ForecastJson {
  pool: string;
  family: 'ipv4' | 'ipv6';
  inUse: string;
  total: string;
  state: ForecastState;
  trendPerDay: number | null;
  exhaustsAt: string | null;
  exhaustsAtSeconds: number | null;
  summary: string;
  samples: number;
  spanSeconds: number;
  lookbackSeconds: number;
  hint: string | null;
}

/** The wire form: exact counts as strings, times as RFC 3339 and as epoch seconds. */
export function forecastToJson(f: Forecast, now: number): ForecastJson {
  return {
    pool: f.pool,
    family: f.family,
    inUse: f.inUse.toString(),
    total: f.total.toString(),
    state: f.state,
    trendPerDay: f.trendPerDay === null ? null : Number(f.trendPerDay.toPrecision(6)),
    exhaustsAt: f.exhaustsAt === null ? null : new Date(Math.round(f.exhaustsAt) * 1000).toISOString().replace('.000Z', 'Z'),
    exhaustsAtSeconds: f.exhaustsAt === null ? null : Math.round(f.exhaustsAt),
    summary: describeForecast(f, now),
    samples: f.samples,
    spanSeconds: Math.round(f.spanSeconds),
    lookbackSeconds: f.lookbackSeconds,
    hint: f.hint,
  };
}

/** The document `poolwatch forecast -o json` prints and `GET /api/v1/forecast` serves. */
export interface ForecastDocument {
  apiVersion: 'poolwatch/v1';
  /** Evaluation time: RFC 3339 and seconds since the epoch. */
  generatedAt: string;
  now: number;
  lookbackSeconds: number;
  forecasts: ForecastJson[];
}

export function forecastDocument(forecasts: readonly Forecast[], now: number, lookbackSeconds: number): ForecastDocument {
  return {
    apiVersion: 'poolwatch/v1',
    generatedAt: new Date(Math.floor(now) * 1000).toISOString().replace('.000Z', 'Z'),
    now,
    lookbackSeconds,
    forecasts: forecasts.map((f) => forecastToJson(f, now)),
  };
}
