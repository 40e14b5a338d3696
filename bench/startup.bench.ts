// Benchmark: whole-process start-up of the installed command (`--version`, `lint` on a small folder) as a ratio to a bare `node -e 0`, and lint's peak RSS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchResult } from './bench.ts';
// @ts-expect-error: a plain ES module without type declarations
import { buildAll } from '../scripts/build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'poolwatch.js');
const RUNS = 15;

const commands: Record<string, string[]> = {
  'node -e 0': ['-e', '0'],
  'poolwatch --version': [bin, '--version'],
  'poolwatch lint basic-ipv4': [bin, 'lint', 'test/fixtures/basic-ipv4'],
};

function wallMs(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}`);
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const bench: Bench = {
  name: 'startup',
  async run() {
    await buildAll({ quiet: true });
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    // Interleaved, so a change in the machine's load hits every command alike; the first round warms the file cache.
    for (let round = 0; round <= RUNS; round++) {
      for (const [name, args] of Object.entries(commands)) {
        const ms = wallMs(args);
        if (round > 0) times[name]!.push(ms);
      }
    }
    const bare = median(times['node -e 0']!);
    const results: BenchResult[] = [{ name: 'startup node -e 0 (median)', value: bare, unit: 'ms' }];
    for (const name of Object.keys(commands).slice(1)) {
      const ratio = median(times[name]!) / bare;
      results.push({ name: `startup ${name} / node -e 0`, value: ratio, unit: 'x', target: '<= 3 x', ok: ratio <= 3 });
    }
    const dir = mkdtempSync(join(tmpdir(), 'poolwatch-rss-'));
    try {
      const file = join(dir, 'rss');
      const peaks: number[] = [];
      for (let i = 0; i < 5; i++) {
        spawnSync(process.execPath, ['--import', join(root, 'bench', 'report-peak-rss.mjs'), ...commands['poolwatch lint basic-ipv4']!], {
          cwd: root,
          stdio: 'ignore',
          env: { ...process.env, POOLWATCH_BENCH_RSS_FILE: file },
        });
        peaks.push(Number(readFileSync(file, 'utf8')) / 1024);
      }
      const peak = median(peaks);
      results.push({ name: 'startup lint basic-ipv4 peak RSS', value: peak, unit: 'MB', target: '< 80 MB', ok: peak < 80 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return results;
  },
};

export default bench;
