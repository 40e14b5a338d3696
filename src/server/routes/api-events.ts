// GET /api/v1/events[?cluster=C]: server-sent events, one `update` per change carrying the same document as /api/v1/live.
import type { Route } from '../route.ts';
import { feedOf } from './api-live.ts';

export const apiEvents: Route = {
  path: '/api/v1/events',
  async handle({ url, req, res }, deps) {
    const feed = await feedOf(url, deps);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Tells buffering proxies (nginx) to pass events on at once.
      'x-accel-buffering': 'no',
    });
    if (req.method === 'HEAD') {
      res.end();
      return null;
    }
    // A reconnecting client waits 3 s.
    res.write('retry: 3000\n\n');
    const unsubscribe = await feed.subscribe({ write: (chunk) => res.write(chunk), end: () => res.end() });
    res.once('close', unsubscribe);
    return null;
  },
};
