// GET /api/v1/services?state=&namespace=: services in the JSON contract's form, filtered.
import { readQuery, json, type Route } from '../route.ts';
import { toJson } from '../../core/report/json.ts';
import { viewOf } from '../cluster-scope.ts';

export const apiServices: Route = {
  path: '/api/v1/services',
  handle: async ({ url }, deps) => {
    const q = readQuery(url, { state: ['allocated', 'pending', 'ignored'], namespace: null, pool: null, cluster: null });
    const r = toJson((await viewOf(deps, q['cluster'])).report());
    const services = r.services.filter(
      (s) => (!q['state'] || s.state === q['state']) && (!q['namespace'] || s.namespace === q['namespace']) && (!q['pool'] || s.pool === q['pool']),
    );
    return json({ apiVersion: r.apiVersion, generatedAt: r.generatedAt, services });
  },
};
