// "Did you mean": the service keys closest to one that does not exist (a typo, or the same name in another namespace).
import { editDistance } from '../edit-distance.ts';
import { PoolwatchError } from '../errors.ts';

/**
 * Up to `max` keys (`namespace/name`) near `wanted`: the same name in another namespace, or within a few
 * edits (a quarter of the length, at least two). Closest first, then by key.
 */
export function nearNames(wanted: string, keys: Iterable<string>, max = 3): string[] {
  const name = wanted.slice(wanted.indexOf('/') + 1);
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  const found: Array<{ key: string; d: number }> = [];
  for (const key of keys) {
    if (key === wanted) continue;
    const sameName = key.slice(key.indexOf('/') + 1) === name;
    const d = sameName ? 0 : editDistance(wanted, key, limit);
    if (d <= limit) found.push({ key, d });
  }
  found.sort((a, b) => a.d - b.d || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return found.slice(0, max).map((f) => f.key);
}

/** The one-line `not-found` error for a service that does not exist, with the nearest names; `where` as ` in the cluster`. */
export function unknownService(key: string, keys: Iterable<string>, where = ''): PoolwatchError {
  const near = nearNames(key, keys);
  return new PoolwatchError('not-found', `no service ${key}${where}${near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : ''}`);
}
