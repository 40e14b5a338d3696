// GET /api/v1/history?pool=P&family=ipv4[&from=S&to=S]: one pool family's use over time as [seconds, inUse, total] points.
import { PoolwatchError } from '../../core/errors.ts';
import { json, readQuery, type Route } from '../route.ts';
import { historyOf } from './api-forecast.ts';
import { viewOf } from '../cluster-scope.ts';

function seconds(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(v)) throw new PoolwatchError('invalid-argument', `query parameter ${name}="${text}" is not a time in seconds since the epoch`);
  return v;
}

export const apiHistory: Route = {
  path: '/api/v1/history',
  async handle({ url }, deps) {
    const q = readQuery(url, { pool: null, family: ['ipv4', 'ipv6'], from: null, to: null, cluster: null });
    const pool = q['pool'];
    const family = q['family'] as 'ipv4' | 'ipv6' | undefined;
    if (!pool || !family) throw new PoolwatchError('invalid-argument', 'query parameters pool and family are required');
    const history = historyOf(await viewOf(deps, q['cluster']));
    const now = history.now();
    const to = seconds(q['to'], 'to', now);
    const from = seconds(q['from'], 'from', now - 86400);
    if (from > to) throw new PoolwatchError('invalid-argument', `from (${from}) is after to (${to})`);
    const points = await history.range(pool, family, from, to);
    return json({ pool, family, from, to, points: points.map((p) => [p.t, p.inUse.toString(), p.total.toString()]) });
  },
};
