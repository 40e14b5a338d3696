// GET /api/v1/services?state=&namespace=: services in the JSON contract's form, filtered.
import { readQuery, json, type Route } from '../route.ts';
import { toJson } from '../../core/report/json.ts';

export const apiServices: Route = {
  path: '/api/v1/services',
  handle: ({ url }, deps) => {
    const q = readQuery(url, { state: ['allocated', 'pending', 'ignored'], namespace: null, pool: null });
    const r = toJson(deps.report());
    const services = r.services.filter(
      (s) => (!q['state'] || s.state === q['state']) && (!q['namespace'] || s.namespace === q['namespace']) && (!q['pool'] || s.pool === q['pool']),
    );
    return json({ apiVersion: r.apiVersion, generatedAt: r.generatedAt, services });
  },
};
