// Parse and analysis of a synthetic 1,000-pool, 100,000-service cluster, against JSON.parse of the same text as the floor.
import { analyze } from '../src/core/analysis/analyze.ts';
import { snapshotFromTexts } from '../src/core/manifest/snapshot.ts';
import type { ClusterSnapshot } from '../src/core/model/snapshot.ts';
import { peakRssMb, timed, type Bench } from './bench.ts';
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

const bench: Bench = {
  name: 'analysis',
  async run() {
    // Only the text is kept: the generated objects are dropped at once.
    const text = JSON.stringify(syntheticCluster({ pools: 1000, services: 100_000 }).list);
    // Five runs of the floor and of the analysis: the best is the steady state (the analysis code is compiled
    // by then); fewer left the figures at the mercy of the other work on a shared machine.
    const floor = await best(5, () => JSON.parse(text));
    let snapshot: ClusterSnapshot | null = null;
    const parse = await best(3, () => {
      snapshot = null;
      snapshot = snapshotFromTexts([{ file: 'cluster.json', text }]);
    });
    const input = snapshot!;
    let services = 0;
    // The accounting engine alone (no pending explanations), then with the default allocator explainer.
    const analysis = await best(5, () => {
      services = analyze(input, { now: new Date(), explainPending: null }).services.length;
    });
    if (services < 100_000) throw new Error(`expected 100,000 services, got ${services}`);
    const explained = await best(1, () => analyze(input, { now: new Date() }));
    const rss = peakRssMb();
    return [
      { name: 'input: 1,000 pools, 100,000 services (JSON)', value: text.length / 1e6, unit: 'MB' },
      { name: 'JSON.parse of the input (floor)', value: floor, unit: 'ms' },
      { name: 'parse + decode into the model', value: parse, unit: 'ms' },
      { name: 'analysis (ledger + findings + report)', value: analysis, unit: 'ms', target: `<= 1000, <= floor`, ok: analysis <= 1000 && analysis <= floor },
      { name: 'analysis with allocator reasons (5,000 pending)', value: explained, unit: 'ms' },
      { name: 'peak RSS', value: rss, unit: 'MB', target: '<= 500', ok: rss <= 500 },
    ];
  },
};
export default bench;
