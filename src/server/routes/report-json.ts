// The report in the JSON contract's wire form (bigint counts as decimal strings), as every API route serves it.
import type { FamilyUsage, Report } from '../../core/report/types.ts';

function usage(u: FamilyUsage | null) {
  return u && { total: u.total.toString(), inUse: u.inUse.toString(), available: u.available.toString(), utilization: u.utilization };
}

export function reportJson(report: Report) {
  return {
    apiVersion: 'poolwatch/v1' as const,
    generatedAt: report.generatedAt,
    pools: report.pools.map((p) => ({
      name: p.name,
      namespace: p.namespace,
      autoAssign: p.autoAssign,
      avoidBuggyIPs: p.avoidBuggyIPs,
      priority: p.priority,
      addresses: p.addresses,
      ipv4: usage(p.ipv4),
      ipv6: usage(p.ipv6),
      services: p.services,
      namespaces: Object.fromEntries(Object.entries(p.namespaces).map(([ns, c]) => [ns, { ipv4: c.ipv4.toString(), ipv6: c.ipv6.toString() }])),
    })),
    services: report.services,
    findings: report.findings,
  };
}
