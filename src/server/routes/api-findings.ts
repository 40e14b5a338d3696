// GET /api/v1/findings[?severity=]: the current findings alone (the web page polls this instead of the whole status).
import { readQuery, json, type Route } from '../route.ts';
import { toJson } from '../../core/report/json.ts';
import { SEVERITIES } from '../../core/report/codes.ts';
import { viewOf } from '../cluster-scope.ts';

export const apiFindings: Route = {
  path: '/api/v1/findings',
  handle: async ({ url }, deps) => {
    const q = readQuery(url, { severity: SEVERITIES, cluster: null });
    const r = toJson((await viewOf(deps, q['cluster'])).report());
    const findings = q['severity'] ? r.findings.filter((f) => f.severity === q['severity']) : r.findings;
    return json({ apiVersion: r.apiVersion, generatedAt: r.generatedAt, findings, summary: r.summary });
  },
};
