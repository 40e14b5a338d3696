// GET /api/v1/pools/{name}: one pool, with the services holding its addresses; 404 when there is no such pool.
import { PoolwatchError } from '../../core/errors.ts';
import { readQuery, json, type Route } from '../route.ts';
import { toJson } from '../../core/report/json.ts';
import { viewOf } from '../cluster-scope.ts';

export const apiPool: Route = {
  path: '/api/v1/pools/{name}',
  handle: async ({ url, params }, deps) => {
    const q = readQuery(url, { cluster: null });
    const name = params['name']!;
    const r = toJson((await viewOf(deps, q['cluster'])).report());
    const pool = r.pools.find((p) => p.name === name);
    if (!pool) throw new PoolwatchError('not-found', `no pool named ${JSON.stringify(name)}`);
    return json({ apiVersion: r.apiVersion, generatedAt: r.generatedAt, pool, services: r.services.filter((s) => s.pool === name) });
  },
};
