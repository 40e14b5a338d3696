// Narrows a report to one pool and/or one namespace (status --pool / --namespace), keeping the findings that concern what is left.
import type { Report } from './types.ts';

export interface ReportFilter {
  pool?: string | null;
  namespace?: string | null;
}

export function filterReport(report: Report, filter: ReportFilter): Report {
  const { pool, namespace } = filter;
  if (!pool && !namespace) return report;
  const pools = pool ? report.pools.filter((p) => p.name === pool) : report.pools;
  const services = report.services.filter((s) => (!pool || s.pool === pool) && (!namespace || s.namespace === namespace));
  const poolRefs = new Set(pools.flatMap((p) => [`IPAddressPool/${p.namespace}/${p.name}`, `ConfigMap/${p.namespace}/config#${p.name}`]));
  const serviceRefs = new Set(services.map((s) => `Service/${s.namespace}/${s.name}`));
  const findings = report.findings.filter((f) =>
    f.objects.some((o) => (namespace ? serviceRefs.has(o) : poolRefs.has(o) || serviceRefs.has(o))),
  );
  return { ...report, pools, services, findings };
}
