// GET /api/v1/findings[?severity=]: the current findings alone (the web page polls this instead of the whole status).
import { readQuery, json, type Route } from '../route.ts';
import { toJson } from '../../core/report/json.ts';
import { SEVERITIES } from '../../core/report/codes.ts';

export const apiFindings: Route = {
  path: '/api/v1/findings',
  handle: ({ url }, deps) => {
    const q = readQuery(url, { severity: SEVERITIES });
    const r = toJson(deps.report());
    const findings = q['severity'] ? r.findings.filter((f) => f.severity === q['severity']) : r.findings;
    return json({ apiVersion: r.apiVersion, generatedAt: r.generatedAt, findings, summary: r.summary });
  },
};
