// Runs poolwatch's commands over the seeded fault corpus and fails if any input breaks the contract (exit 0/1/2, no stack trace, under 20 s and 1 GiB).
//
//   npm run faults                                   # the whole corpus, seed 1, status + lint + simulate
//   npm run faults -- --seed 7 --jobs 2 --commands status,lint
//   npm run faults -- --only 'alias bombs'           # one family
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { faultCorpus, materialise, runCase, violation, type FaultRun } from '../test/support/fault-corpus.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string', default: '2' },
    commands: { type: 'string', default: 'status,lint,simulate' },
    only: { type: 'string' },
  },
});
const seed = Number(values.seed);
const commands = values.commands.split(',');
const corpus = faultCorpus(seed).filter((c) => !values.only || c.family === values.only);
const dir = mkdtempSync(join(tmpdir(), 'poolwatch-faults-'));
const work = corpus.flatMap((c) => {
  const path = materialise(c, dir);
  return commands.map((command) => ({ c, path, command }));
});
console.log(`fault corpus, seed ${seed}: ${corpus.length} inputs x ${commands.join(', ')} = ${work.length} runs, ${values.jobs} at a time`);

const runs: FaultRun[] = [];
let next = 0;
async function worker(): Promise<void> {
  while (next < work.length) {
    const { c, path, command } = work[next++]!;
    const run = await runCase(c, path, command);
    runs.push(run);
    const bad = violation(run);
    if (bad) console.log(`VIOLATION ${bad}: ${command} ${c.name} (${c.family}; wall ${run.seconds.toFixed(1)} s)`);
  }
}
await Promise.all(Array.from({ length: Number(values.jobs) }, worker));
rmSync(dir, { recursive: true, force: true });

/** The largest CPU time, wall time and peak memory among runs. */
function extremes(mine: FaultRun[]): string[] {
  const cpu = Math.max(...mine.map((r) => r.cpuSeconds ?? 0));
  const peak = Math.max(...mine.map((r) => r.peakMiB ?? 0));
  return [cpu ? `${cpu.toFixed(1)} s` : '-', `${Math.max(...mine.map((r) => r.seconds)).toFixed(1)} s`, peak ? `${Math.round(peak)} MiB` : '-'];
}

const families = [...new Set(runs.map((r) => r.family))];
const rows = families.map((family) => {
  const mine = runs.filter((r) => r.family === family);
  const exits = [0, 1, 2].map((code) => mine.filter((r) => r.code === code).length);
  return [family, mine.length, ...exits, mine.filter((r) => violation(r)).length, ...extremes(mine)];
});
rows.push(['all', runs.length, ...[0, 1, 2].map((code) => runs.filter((r) => r.code === code).length), runs.filter((r) => violation(r)).length, ...extremes(runs)]);
const header = ['family', 'runs', 'exit 0', 'exit 1', 'exit 2', 'violations', 'most CPU', 'slowest wall', 'peak RSS'];
const table = [header, ...rows].map((r) => r.map(String));
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
for (const r of table) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
process.exitCode = runs.some((r) => violation(r)) ? 1 : 0;
