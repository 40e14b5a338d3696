// The `poolwatch forecast` table: pool, family, in use/total, trend per day, and when it runs out (or why not).
import type { ForecastDocument } from '../../core/forecast/index.ts';
import { humanCount } from '../../core/report/human.ts';
import { visibleStrings } from '../../core/report/visible.ts';
import type { Colors } from './color.ts';
import { renderTable } from './table.ts';

function when(seconds: number): string {
  return new Date(Math.round(seconds) * 1000).toISOString().replace(/:\d\d(\.\d+)?Z$/, 'Z').replace('T', ' ');
}

export function renderForecastTable(exact: ForecastDocument, colors: Colors): string {
  const doc = visibleStrings(exact); // pool names come from the cluster or a history file
  if (doc.forecasts.length === 0) return 'No pool history found.\n';
  const rows = doc.forecasts.map((f) => {
    const trend = f.trendPerDay === null ? '-' : f.trendPerDay === 0 ? '0' : `${f.trendPerDay > 0 ? '+' : ''}${Math.abs(f.trendPerDay) >= 10 ? Math.round(f.trendPerDay) : f.trendPerDay.toFixed(1)}`;
    let outcome: string;
    if (f.state === 'filling') outcome = colors.yellow(`${when(f.exhaustsAtSeconds!)} (${f.summary})`);
    else if (f.state === 'exhausted') outcome = colors.red('exhausted');
    else if (f.state === 'insufficient-history') outcome = colors.dim(`${f.summary}: ${f.hint}`);
    else outcome = f.summary;
    return [f.pool, f.family === 'ipv4' ? 'IPv4' : 'IPv6', `${humanCount(BigInt(f.inUse))}/${humanCount(BigInt(f.total))}`, trend, outcome];
  });
  const lookback = doc.lookbackSeconds % 3600 === 0 ? `${doc.lookbackSeconds / 3600}h` : `${Math.round(doc.lookbackSeconds / 60)}m`;
  return `${renderTable(['POOL', 'FAMILY', 'IN USE', 'TREND/DAY', 'RUNS OUT'], rows, new Set([2, 3]))}\nTrend: least squares over the last ${lookback} (as PromQL predict_linear), evaluated at ${doc.generatedAt}.\n`;
}
