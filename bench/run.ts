// `npm run bench`: runs every benchmark in the list (or those named on the command line) and prints a table.
import type { Bench, BenchResult } from './bench.ts';

const benches: Array<() => Promise<{ default: Bench }>> = [
  () => import('./forecast.bench.ts'),
  () => import('./history.bench.ts'),
  () => import('./page.bench.ts'),
  () => import('./analysis.bench.ts'),
  () => import('./overlap.bench.ts'),
  () => import('./serve.bench.ts'),
  () => import('./serve-load.bench.ts'),
  () => import('./simulate.bench.ts'),
];

const only = process.argv.slice(2);
const rows: BenchResult[] = [];
for (const load of benches) {
  const bench = (await load()).default;
  if (only.length > 0 && !only.some((o) => bench.name.includes(o))) continue;
  process.stderr.write(`running ${bench.name}...\n`);
  rows.push(...(await bench.run()));
}
const width = Math.max(10, ...rows.map((r) => r.name.length));
for (const r of rows) {
  const status = r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED';
  console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(r.value < 10 ? 2 : 0).padStart(10)} ${r.unit.padEnd(6)} ${(r.target ?? '').padEnd(14)} ${status}`);
}
if (rows.some((r) => r.ok === false)) process.exitCode = 1;
