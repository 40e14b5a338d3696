// The shape of one benchmark and the helpers they share: timing, peak memory, and a uniform result line.
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  /** Measured value and its unit, e.g. 812 ms. */
  value: number;
  unit: string;
  /** The target it must meet, e.g. "<= 1000 ms". */
  target?: string;
  ok?: boolean;
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult[]>;
}

/** Runs fn and returns its result with the wall time in milliseconds. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

/** Best of `runs` timings of fn, in milliseconds (less noise from the other processes on the machine). */
export async function bestOf(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, (await timed(fn)).ms);
  return best;
}

/** Peak resident set size of this process so far, in MB (Linux reports maxRSS in KB). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
