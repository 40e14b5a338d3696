// GET /api/v1/pools: every pool's usage in the JSON contract's pool form.
import { readQuery, json, type Route } from '../route.ts';
import { toJson } from '../../core/report/json.ts';
import { viewOf } from '../cluster-scope.ts';

export const apiPools: Route = {
  path: '/api/v1/pools',
  handle: async ({ url }, deps) => {
    const q = readQuery(url, { cluster: null });
    const r = toJson((await viewOf(deps, q['cluster'])).report());
    return json({ apiVersion: r.apiVersion, generatedAt: r.generatedAt, pools: r.pools });
  },
};
