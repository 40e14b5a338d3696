// Runs one benchmark by name in this process and writes its results as JSON to stdout (bench/run.ts starts one of these per benchmark).
import type { Bench } from './bench.ts';
import { BENCHES } from './benches.ts';

const name = process.argv[2] ?? '';
const file = BENCHES[name];
if (file === undefined) throw new Error(`no benchmark named "${name}"`);
const bench = ((await import(file)) as { default: Bench }).default;
if (bench.name !== name) throw new Error(`${file} is named "${bench.name}", listed as "${name}"`);
process.stdout.write(JSON.stringify(await bench.run()));
