// GET /api/v1/live[?cluster=C]: the page's document (pools, pending services, findings, forecasts) as one JSON answer: the polling fallback.
import { PoolwatchError } from '../../core/errors.ts';
import { readQuery, type Route, type ServerDeps } from '../route.ts';
import type { LiveFeed } from '../live-feed.ts';

export async function feedOf(url: URL, deps: ServerDeps): Promise<LiveFeed> {
  const q = readQuery(url, { cluster: null });
  if (!deps.live) throw new PoolwatchError('not-found', 'live updates are not enabled on this server');
  return deps.live.feed(q['cluster']);
}

export const apiLive: Route = {
  path: '/api/v1/live',
  async handle({ url }, deps) {
    const text = await (await feedOf(url, deps)).current();
    return { contentType: 'application/json; charset=utf-8', body: `${text}\n` };
  },
};
