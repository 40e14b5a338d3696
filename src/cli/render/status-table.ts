// `status -o table|wide`: one row per pool and family, then pending services with reasons, then findings.
import type { FamilyUsage, Finding, Report } from '../../core/report/types.ts';
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

/**
 * The ANNOUNCED cell of each pool: services announced (fully or partly) over services holding its addresses,
 * `unknown` when MetalLB reports nothing for any of them, `-` when the pool serves none or nothing is known.
 */
function announcedCells(report: Report): Map<string, string> {
  const counts = new Map<string, { announced: number; known: number; all: number }>();
  for (const s of report.services) {
    if (s.state !== 'allocated' || s.pool === null || !s.announcement) continue;
    const n = counts.get(s.pool) ?? { announced: 0, known: 0, all: 0 };
    n.all++;
    if (s.announcement.state !== 'unknown') n.known++;
    if (s.announcement.state === 'announced' || s.announcement.state === 'partly') n.announced++;
    counts.set(s.pool, n);
  }
  const cells = new Map<string, string>();
  for (const [pool, n] of counts) cells.set(pool, n.known === 0 ? 'unknown' : `${n.announced}/${n.all}`);
  return cells;
}

export function renderStatusTable(exact: Report, options: StatusTableOptions): string {
  // Names, messages and locations come from the cluster: shown with their control characters escaped.
  const report = visibleStrings(exact);
  const simulated = visibleStrings(options.simulated);
  const { wide, colors: c } = options;
  let out = '';
  const header = wide
    ? ['POOL', 'NAMESPACE', 'FAMILY', 'USED/TOTAL', 'USE', 'AVAILABLE', 'SERVICES', 'ANNOUNCED', 'AUTO', 'ADDRESSES', '']
    : ['POOL', 'FAMILY', 'USED/TOTAL', 'USE', 'AVAILABLE', ''];
  const rows: string[][] = [];
  const announced = wide ? announcedCells(report) : null;
  for (const p of report.pools) {
    const announcedCell = announced?.get(p.name) ?? '-';
    const families = (['ipv4', 'ipv6'] as const).filter((f) => p[f] !== null);
    if (families.length === 0) {
      const empty = ['-', '0/0', '-', '0'];
      rows.push(wide ? [p.name, p.namespace, ...empty, String(p.services), announcedCell, p.autoAssign ? 'yes' : 'no', p.addresses.join(',') || '-', ''] : [p.name, ...empty, '']);
      continue;
    }
    for (const f of families) {
      const u = p[f]!;
      const filled = bar(u.inUse, u.total);
      const barText = `[${levelColor(c, u)('#'.repeat(filled))}${c.dim('.'.repeat(10 - filled))}]`;
      const cells = [f === 'ipv4' ? 'IPv4' : 'IPv6', `${humanCount(u.inUse)}/${humanCount(u.total)}`, humanPercent(u.inUse, u.total), humanCount(u.available)];
      rows.push(wide ? [p.name, p.namespace, ...cells, String(p.services), announcedCell, p.autoAssign ? 'yes' : 'no', p.addresses.join(','), barText] : [p.name, ...cells, barText]);
    }
  }
  const right = wide ? new Set([3, 4, 5, 6, 7]) : new Set([2, 3, 4]);
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

  return out + findingsSection(report.findings, c);
}

/** The `Findings (N)` section of `status` and `explain` (strings already made visible). */
export function findingsSection(findings: readonly Finding[], c: Colors): string {
  let out = `\n${c.bold(`Findings (${findings.length})`)}\n`;
  if (findings.length === 0) return `${out}none\n`;
  const sev = (s: string) => (s === 'error' ? c.red(s) : s === 'warning' ? c.yellow(s) : c.cyan(s));
  out += renderTable(
    ['SEVERITY', 'CODE', 'LOCATION', 'MESSAGE'],
    findings.map((f) => [sev(f.severity), f.code, f.location ?? f.objects[0] ?? '-', f.message]),
  );
  return out;
}
