// `status --prometheus-url`: the fleet as tables: one row per cluster, then every pool family of every cluster, worst first.
import type { Fleet } from '../../core/fleet/fleet-overview.ts';
import { describeForecast } from '../../core/forecast/index.ts';
import { CONDITION_LABEL, conditionRank, familyCondition } from '../../core/report/pool-condition.ts';
import { humanCount } from '../../core/report/human.ts';
import type { Colors } from './color.ts';
import { humanPercent } from './numbers.ts';
import { renderTable } from './table.ts';

export function renderFleetTable(fleet: Fleet, colors: Colors): string {
  const clusterRows = fleet.clusters.map((c) => {
    const pending = c.report.services.filter((s) => s.state === 'pending').length;
    const errors = c.report.findings.filter((f) => f.severity === 'error').length;
    return [c.name || '-', String(c.report.pools.length), String(pending), String(c.report.findings.length), String(errors)];
  });
  let out = renderTable(['CLUSTER', 'POOLS', 'PENDING', 'FINDINGS', 'ERRORS'], clusterRows, new Set([1, 2, 3, 4]));
  const rows: Array<{ rank: number; util: number; cells: string[] }> = [];
  for (const c of fleet.clusters) {
    const forecastOf = new Map(c.forecasts.map((f) => [`${f.pool}\u0000${f.family}`, f]));
    for (const p of c.report.pools) {
      for (const family of ['ipv4', 'ipv6'] as const) {
        const u = p[family];
        if (!u) continue;
        const f = forecastOf.get(`${p.name}\u0000${family}`) ?? null;
        const condition = familyCondition(u, f && { state: f.state, exhaustsAtSeconds: f.exhaustsAt }, fleet.now);
        const color = condition === 'exhausted' ? colors.red : condition === 'ok' ? (s: string) => s : colors.yellow;
        rows.push({
          rank: conditionRank(condition),
          util: u.utilization,
          cells: [c.name || '-', p.name, family === 'ipv4' ? 'IPv4' : 'IPv6', `${humanCount(u.inUse)}/${humanCount(u.total)}`, humanPercent(u.inUse, u.total), humanCount(u.available), color(CONDITION_LABEL[condition]), f ? describeForecast(f, fleet.now) : '-'],
        });
      }
    }
  }
  // The fullest first, across the fleet: by condition, then by use; the table's own order otherwise (cluster, pool, family).
  rows.sort((a, b) => b.rank - a.rank || b.util - a.util);
  out += '\n';
  out += rows.length === 0 ? 'No pools.\n' : renderTable(['CLUSTER', 'POOL', 'FAMILY', 'USED/TOTAL', 'USE', 'AVAILABLE', 'STATE', 'FORECAST'], rows.map((r) => r.cells), new Set([3, 4, 5]));
  return out;
}
