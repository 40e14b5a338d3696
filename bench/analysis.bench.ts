// Parse and analysis of a synthetic 1,000-pool, 100,000-service cluster, against JSON.parse of the same text as the floor.
import { analyze } from '../src/core/analysis/analyze.ts';
import { snapshotFromTexts } from '../src/core/manifest/snapshot.ts';
import { bestOf, peakRssMb, timed, type Bench } from './bench.ts';
import { syntheticCluster } from './synthetic-cluster.ts';

const bench: Bench = {
  name: 'analysis',
  async run() {
    const { list } = syntheticCluster({ pools: 1000, services: 100_000 });
    const text = JSON.stringify(list);
    const floor = await bestOf(3, () => JSON.parse(text));
    let snapshot = snapshotFromTexts([{ file: 'cluster.json', text }]);
    const parse = await bestOf(3, () => {
      snapshot = snapshotFromTexts([{ file: 'cluster.json', text }]);
    });
    const analysis = await bestOf(3, () => analyze(snapshot, { now: new Date() }));
    const { result: report } = await timed(() => analyze(snapshot, { now: new Date() }));
    if (report.services.length < 100_000) throw new Error(`expected 100,000 services, got ${report.services.length}`);
    return [
      { name: 'input size (JSON)', value: text.length / 1e6, unit: 'MB' },
      { name: 'JSON.parse (floor)', value: floor, unit: 'ms' },
      { name: 'parse + decode', value: parse, unit: 'ms' },
      { name: 'analysis (ledger+findings+report)', value: analysis, unit: 'ms', target: `<= min(1000, ${floor.toFixed(0)})`, ok: analysis <= 1000 && analysis <= floor },
      { name: 'peak RSS', value: peakRssMb(), unit: 'MB', target: '<= 500', ok: peakRssMb() <= 500 },
    ];
  },
};
export default bench;
