// GET /api/v1/status: the whole report in the JSON contract, plus the source's health.
import { readQuery, json, type Route } from '../route.ts';
import { toJson } from '../../core/report/json.ts';

export const apiStatus: Route = {
  path: '/api/v1/status',
  handle: ({ url }, deps) => {
    readQuery(url, {});
    return json({ ...toJson(deps.report()), source: sourceJson(deps) });
  },
};

function sourceJson(deps: Parameters<Route['handle']>[1]) {
  const h = deps.health();
  return {
    name: h.source,
    up: h.up,
    ready: h.ready,
    lastSync: h.lastSyncMs === null ? null : new Date(h.lastSyncMs).toISOString(),
    notes: h.notes,
  };
}
