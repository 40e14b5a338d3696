// GET /api/v1/status: the whole report in the JSON contract, plus the source's health.
import { readQuery, type Route, type ServerDeps } from '../route.ts';
import { toJson } from '../../core/report/json.ts';
import type { Report } from '../../core/report/types.ts';
import { viewOf } from '../cluster-scope.ts';

/**
 * The report's JSON text, kept per report: a 10,000-service report is megabytes of JSON, and the
 * report only changes when the cluster does, while `source` (with the sync time) changes every call.
 */
const reportText = new WeakMap<Report, string>();

export const apiStatus: Route = {
  path: '/api/v1/status',
  handle: async ({ url }, deps) => {
    const q = readQuery(url, { cluster: null });
    const report = (await viewOf(deps, q['cluster'])).report();
    let text = reportText.get(report);
    if (text === undefined) {
      text = JSON.stringify(toJson(report), null, 2);
      reportText.set(report, text);
    }
    // Same text as JSON.stringify({ ...toJson(report), source }, null, 2): `source` goes in as the last member.
    const source = JSON.stringify(sourceJson(deps), null, 2).replace(/\n/g, '\n  ');
    return { contentType: 'application/json; charset=utf-8', body: `${text.slice(0, -2)},\n  "source": ${source}\n}\n` };
  },
};

function sourceJson(deps: ServerDeps) {
  const h = deps.health();
  return {
    name: h.source,
    up: h.up,
    ready: h.ready,
    lastSync: h.lastSyncMs === null ? null : new Date(h.lastSyncMs).toISOString(),
    notes: h.notes,
  };
}
