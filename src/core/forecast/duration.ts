// Durations as flags take them: 90s, 30m, 6h, 7d, or combinations such as 1h30m.
import { PoolwatchError } from '../errors.ts';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds in a duration like `6h` or `1h30m`; a bad value is an `invalid-argument` error naming the flag. */
export function parseDuration(text: string, flag: string): number {
  const t = text.trim();
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)];
  if (t === '' || parts.map((p) => p[0]).join('') !== t) {
    throw new PoolwatchError('invalid-argument', `${flag} "${text}" is not a duration (use e.g. 90s, 30m, 6h, 7d)`);
  }
  const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
  if (seconds <= 0) throw new PoolwatchError('invalid-argument', `${flag} must be longer than 0`);
  return seconds;
}
