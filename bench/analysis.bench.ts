// The default path of `status -o json` on a synthetic 1,000-pool, 100,000-service cluster (5% and 0.1% pending), against JSON.parse of the same text as the floor.
import { analyze } from '../src/core/pipeline/analyze.ts';
import { snapshotFromTexts } from '../src/core/manifest/snapshot.ts';
import { toJson } from '../src/core/report/json.ts';
import { peakRssMb, timed, type Bench, type BenchResult } from './bench.ts';
import { syntheticCluster } from './synthetic-cluster.ts';

/** Collects garbage between measurements when the bench runs with --expose-gc, so one phase's garbage is not billed to the next. */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function best(runs: number, fn: () => unknown): Promise<number> {
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    settle();
    ms = Math.min(ms, (await timed(fn)).ms);
  }
  return ms;
}

/** What `status -o json FILE` does after reading the file: decode, ledger, findings, pending reasons, JSON text. */
function statusJson(text: string): number {
  const snapshot = snapshotFromTexts([{ file: 'cluster.json', text }]);
  const report = analyze(snapshot, { now: new Date() });
  if (report.services.length < 100_000) throw new Error(`expected 100,000 services, got ${report.services.length}`);
  return JSON.stringify(toJson(report), null, 2).length;
}

const bench: Bench = {
  name: 'analysis',
  async run() {
    const out: BenchResult[] = [];
    for (const [label, pendingRatio] of [['5% pending', 0.05], ['0.1% pending', 0.001]] as const) {
      // Only the text is kept: the generated objects are dropped at once.
      const text = JSON.stringify(syntheticCluster({ pools: 1000, services: 100_000, pendingRatio }).list);
      const floor = await best(5, () => JSON.parse(text));
      const path = await best(3, () => statusJson(text));
      out.push(
        { name: `${label}: JSON.parse of the input (floor)`, value: floor, unit: 'ms' },
        { name: `${label}: decode + analysis + reasons + JSON (status -o json)`, value: path, unit: 'ms', target: '<= 4x floor', ok: path <= 4 * floor },
      );
    }
    const rss = peakRssMb();
    out.push({ name: 'peak RSS', value: rss, unit: 'MB', target: '<= 500', ok: rss <= 500 });
    return out;
  },
};
export default bench;
