// GET /api/v1/info: what the page needs to know about this server: one cluster or a fleet, and whether its clock is simulated.
import { json, readQuery, type Route } from '../route.ts';

export const apiInfo: Route = {
  path: '/api/v1/info',
  handle: ({ url }, deps) => {
    readQuery(url, {});
    const info = deps.info ?? { mode: 'cluster', source: deps.health().source, simulatedSpeed: null };
    return json({ apiVersion: 'poolwatch/v1', ...info });
  },
};
