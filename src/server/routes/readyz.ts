// GET /readyz: 200 once the first full sync is done (then also while stale data is served for a while), else 503.
import { text, type Route } from '../route.ts';

export const readyz: Route = {
  path: '/readyz',
  auth: false,
  handle: (_req, deps) => {
    const h = deps.health();
    if (!h.ready && h.unready !== undefined) return text(`not ready: the ${h.source} source is out of sync: ${h.unready}\n`, 503);
    if (!h.ready) return text(`not ready: the first sync of the ${h.source} source has not completed${h.notes.length ? ` (${h.notes.join('; ')})` : ''}\n`, 503);
    return text(h.up ? 'ok\n' : `ok (serving the last known state: the ${h.source} source is out of sync)\n`);
  },
};
