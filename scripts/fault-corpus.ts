// Runs poolwatch's commands over the seeded fault corpus and fails if any input breaks the contract (exit 0/1/2, no stack trace, under 20 s and 1 GiB).
//
//   npm run faults                                   # the whole corpus, seed 1, every command (status, lint, simulate, explain)
//   npm run faults -- --seed 7 --jobs 2 --commands status,lint
//   npm run faults -- --only 'alias bombs'           # one family
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FAULT_COMMANDS, faultCorpus, materialise, runCase, violation, type FaultRun } from '../test/support/fault-corpus.ts';

const USAGE = `Usage: npm run faults -- [--seed N] [--jobs N] [--commands ${Object.keys(FAULT_COMMANDS).join(',')}] [--only FAMILY]

Runs each command on every input of the seeded fault corpus and exits 1 if any run exits other than
0, 1 or 2, prints a stack trace or an internal error, takes over 20 s of CPU or over 1 GiB.
  --seed N        the corpus' seed (default 1): the same seed gives the same inputs
  --jobs N        runs at a time (default 2; use 1 on a loaded machine)
  --commands L    comma-separated commands (default: all)
  --only FAMILY   one family of inputs, e.g. 'alias bombs'
`;

function usageError(message: string): never {
  process.stderr.write(`fault corpus: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      jobs: { type: 'string', default: '2' },
      commands: { type: 'string', default: Object.keys(FAULT_COMMANDS).join(',') },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (err) {
  usageError((err as Error).message);
}
const { values } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const seed = Number(values.seed);
const jobs = Number(values.jobs);
if (!Number.isInteger(seed)) usageError(`--seed must be an integer, not ${values.seed}`);
if (!Number.isInteger(jobs) || jobs < 1) usageError(`--jobs must be a whole number of at least 1, not ${values.jobs}`);
const commands = values.commands.split(',');
const unknown = commands.filter((c) => !(c in FAULT_COMMANDS));
if (unknown.length > 0) usageError(`unknown command ${unknown.join(', ')}`);
const corpus = faultCorpus(seed).filter((c) => !values.only || c.family === values.only);
const dir = mkdtempSync(join(tmpdir(), 'poolwatch-faults-'));
const work = corpus.flatMap((c) => {
  const path = materialise(c, dir);
  return commands.map((command) => ({ c, path, command }));
});
console.log(`fault corpus, seed ${seed}: ${corpus.length} inputs x ${commands.join(', ')} = ${work.length} runs, ${jobs} at a time`);

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
await Promise.all(Array.from({ length: jobs }, worker));
rmSync(dir, { recursive: true, force: true });

/** The largest CPU time, wall time and peak memory among runs. */
function extremes(mine: FaultRun[]): string[] {
  const cpu = Math.max(...mine.map((r) => r.cpuSeconds ?? 0));
  const peak = Math.max(...mine.map((r) => r.peakMiB ?? 0));
  return [cpu ? `${cpu.toFixed(1)} s` : '-', `${Math.max(...mine.map((r) => r.seconds)).toFixed(1)} s`, peak ? `${Math.round(peak)} MiB` : '-'];
}

/** One table row: runs, exits by code, violations and extremes. */
function row(label: string, mine: FaultRun[]): Array<string | number> {
  const exits = [0, 1, 2].map((code) => mine.filter((r) => r.code === code).length);
  return [label, mine.length, ...exits, mine.filter((r) => violation(r)).length, ...extremes(mine)];
}

const families = [...new Set(runs.map((r) => r.family))];
const rows = families.map((family) => row(family, runs.filter((r) => r.family === family)));
for (const command of commands) rows.push(row(`command ${command}`, runs.filter((r) => r.command === command)));
rows.push(row('all', runs));
const header = ['family', 'runs', 'exit 0', 'exit 1', 'exit 2', 'violations', 'most CPU', 'slowest wall', 'peak RSS'];
const table = [header, ...rows].map((r) => r.map(String));
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
for (const r of table) console.log(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
process.exitCode = runs.some((r) => violation(r)) ? 1 : 0;
