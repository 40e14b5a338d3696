// GET /metrics: the Prometheus exposition, computed from the current snapshot on each scrape.
import type { Route } from '../route.ts';

export const metrics: Route = {
  path: '/metrics',
  handle: async (_req, deps) => {
    const { contentType, body } = await deps.metrics();
    return { contentType, body };
  },
};
