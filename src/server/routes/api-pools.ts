// GET /api/v1/pools: every pool's usage in the JSON contract's pool form.
import { readQuery, json, type Route } from '../route.ts';
import { toJson } from '../../core/report/json.ts';

export const apiPools: Route = {
  path: '/api/v1/pools',
  handle: ({ url }, deps) => {
    readQuery(url, {});
    const r = toJson(deps.report());
    return json({ apiVersion: r.apiVersion, generatedAt: r.generatedAt, pools: r.pools });
  },
};
