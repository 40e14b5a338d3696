// The report's wire form (DESIGN.md's JSON contract, apiVersion poolwatch/v1): counts as decimal strings, absent families as null.
import { dictionary } from './dictionary.ts';
import type { Finding, FamilyUsage, PoolReport, Report, ServiceReport } from './types.ts';

export const REPORT_API_VERSION = 'poolwatch/v1';

/** FamilyUsage with every bigint count as a decimal string. */
export type FamilyUsageJson = { [K in keyof FamilyUsage]: FamilyUsage[K] extends bigint ? string : FamilyUsage[K] };

/** A pool in the JSON report: the PoolReport with every bigint count as a decimal string. */
export type PoolJson = Omit<PoolReport, 'ipv4' | 'ipv6' | 'namespaces'> & {
  ipv4: FamilyUsageJson | null;
  ipv6: FamilyUsageJson | null;
  namespaces: Record<string, { ipv4: string; ipv6: string }>;
};

export interface ReportJson {
  apiVersion: typeof REPORT_API_VERSION;
  generatedAt: string;
  pools: PoolJson[];
  services: ServiceReport[];
  findings: Finding[];
  summary: {
    pools: number;
    services: { allocated: number; pending: number; ignored: number };
    findings: { error: number; warning: number; info: number };
  };
}

/** Utilization rounded to 4 significant digits, so 0.01171875 prints as 0.01172 and 2^-64 stays visible. */
function roundUtilization(u: number): number {
  return u === 0 ? 0 : Number(u.toPrecision(4));
}

function family(u: FamilyUsage | null): FamilyUsageJson | null {
  if (!u) return null;
  return { total: u.total.toString(), inUse: u.inUse.toString(), available: u.available.toString(), utilization: roundUtilization(u.utilization) };
}

function namespaceCounts(counts: Report['pools'][number]['namespaces']): Record<string, { ipv4: string; ipv6: string }> {
  const out = dictionary<{ ipv4: string; ipv6: string }>();
  for (const ns in counts) out[ns] = { ipv4: counts[ns]!.ipv4.toString(), ipv6: counts[ns]!.ipv6.toString() };
  return out;
}

/** Reports are immutable once made, and several API routes ask for the same one: convert each once. */
const converted = new WeakMap<Report, ReportJson>();

export function toJson(report: Report): ReportJson {
  let json = converted.get(report);
  if (!json) converted.set(report, (json = convert(report)));
  return json;
}

function convert(report: Report): ReportJson {
  const services = { allocated: 0, pending: 0, ignored: 0 };
  for (const s of report.services) services[s.state]++;
  const findings = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) findings[f.severity]++;
  return {
    apiVersion: REPORT_API_VERSION,
    generatedAt: report.generatedAt,
    pools: report.pools.map((p) => ({
      name: p.name,
      namespace: p.namespace,
      autoAssign: p.autoAssign,
      avoidBuggyIPs: p.avoidBuggyIPs,
      priority: p.priority,
      addresses: p.addresses,
      ipv4: family(p.ipv4),
      ipv6: family(p.ipv6),
      services: p.services,
      namespaces: namespaceCounts(p.namespaces),
    })),
    services: report.services,
    findings: report.findings,
    summary: { pools: report.pools.length, services, findings },
  };
}
