// `status -o table|wide`: one row per pool and family, then pending services with reasons, then findings.
import type { FamilyUsage, Report } from '../../core/report/types.ts';
import { visibleStrings } from '../../core/report/visible.ts';
import type { Colors } from './color.ts';
import { bar, humanCount, humanPercent } from './numbers.ts';
import { renderTable } from './table.ts';

export interface StatusTableOptions {
  wide: boolean;
  colors: Colors;
  /** `simulate`: the services the simulation gave addresses to, shown in their own section. */
  simulated?: ReadonlyArray<{ service: string; pool: string; ips: readonly string[]; note: string }>;
}

function levelColor(c: Colors, u: FamilyUsage): (s: string) => string {
  if (u.available === 0n) return c.red;
  if (u.inUse * 100n >= u.total * 80n) return c.yellow;
  return c.green;
}

export function renderStatusTable(exact: Report, options: StatusTableOptions): string {
  // Names, messages and locations come from the cluster: shown with their control characters escaped.
  const report = visibleStrings(exact);
  const simulated = visibleStrings(options.simulated);
  const { wide, colors: c } = options;
  let out = '';
  const header = wide
    ? ['POOL', 'NAMESPACE', 'FAMILY', 'USED/TOTAL', 'USE', 'AVAILABLE', 'SERVICES', 'AUTO', 'ADDRESSES', '']
    : ['POOL', 'FAMILY', 'USED/TOTAL', 'USE', 'AVAILABLE', ''];
  const rows: string[][] = [];
  for (const p of report.pools) {
    const families = (['ipv4', 'ipv6'] as const).filter((f) => p[f] !== null);
    if (families.length === 0) {
      const empty = ['-', '0/0', '-', '0'];
      rows.push(wide ? [p.name, p.namespace, ...empty, String(p.services), p.autoAssign ? 'yes' : 'no', p.addresses.join(',') || '-', ''] : [p.name, ...empty, '']);
      continue;
    }
    for (const f of families) {
      const u = p[f]!;
      const filled = bar(u.inUse, u.total);
      const barText = `[${levelColor(c, u)('#'.repeat(filled))}${c.dim('.'.repeat(10 - filled))}]`;
      const cells = [f === 'ipv4' ? 'IPv4' : 'IPv6', `${humanCount(u.inUse)}/${humanCount(u.total)}`, humanPercent(u.inUse, u.total), humanCount(u.available)];
      rows.push(wide ? [p.name, p.namespace, ...cells, String(p.services), p.autoAssign ? 'yes' : 'no', p.addresses.join(','), barText] : [p.name, ...cells, barText]);
    }
  }
  const right = wide ? new Set([3, 4, 5, 6]) : new Set([2, 3, 4]);
  out += report.pools.length > 0 ? renderTable(header, rows, right) : 'No pools.\n';

  if (simulated) {
    out += `\n${c.bold(`Simulated allocations (${simulated.length})`)}\n`;
    out += simulated.length === 0 ? 'none\n' : renderTable(['SERVICE', 'POOL', 'ADDRESSES', 'NOTE'], simulated.map((s) => [s.service, s.pool, s.ips.join(','), s.note]));
  }

  const pending = report.services.filter((s) => s.state === 'pending');
  out += `\n${c.bold(`Pending services (${pending.length})`)}\n`;
  if (pending.length === 0) out += 'none\n';
  else {
    out += renderTable(
      ['SERVICE', 'REASON', 'MESSAGE'],
      pending.map((s) => [`${s.namespace}/${s.name}`, s.reason?.code ?? 'unknown', s.reason?.message ?? 'no AllocationFailed event and no explanation found']),
    );
  }

  out += `\n${c.bold(`Findings (${report.findings.length})`)}\n`;
  if (report.findings.length === 0) out += 'none\n';
  else {
    const sev = (s: string) => (s === 'error' ? c.red(s) : s === 'warning' ? c.yellow(s) : c.cyan(s));
    out += renderTable(
      ['SEVERITY', 'CODE', 'LOCATION', 'MESSAGE'],
      report.findings.map((f) => [sev(f.severity), f.code, f.location ?? f.objects[0] ?? '-', f.message]),
    );
  }
  return out;
}
