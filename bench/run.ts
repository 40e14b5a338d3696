// `npm run bench`: runs every benchmark in the list (or those whose name contains a word given on the command line), each in its own process, and prints a table.
//
// One process per benchmark, so a peak RSS line measures that benchmark alone (not the modules or the
// garbage of the ones before it), and a benchmark's warm caches never flatter the next one.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './bench.ts';
import { BENCHES } from './benches.ts';

function runOne(name: string): Promise<BenchResult[]> {
  const script = fileURLToPath(new URL('./run-one.ts', import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script, name], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`benchmark ${name} exited with ${code}`));
      else resolve(JSON.parse(out) as BenchResult[]);
    });
  });
}

const only = process.argv.slice(2);
const rows: BenchResult[] = [];
for (const name of Object.keys(BENCHES)) {
  if (only.length > 0 && !only.some((o) => name.includes(o))) continue;
  process.stderr.write(`running ${name}...\n`);
  rows.push(...(await runOne(name)));
}
const width = Math.max(10, ...rows.map((r) => r.name.length));
for (const r of rows) {
  const status = r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED';
  console.log(`${r.name.padEnd(width)}  ${r.value.toFixed(r.value < 10 ? 2 : 0).padStart(10)} ${r.unit.padEnd(6)} ${(r.target ?? '').padEnd(14)} ${status}`);
}
if (rows.some((r) => r.ok === false)) process.exitCode = 1;
