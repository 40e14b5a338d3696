// Overlap detection across 10,000 pools (sweep, never pairwise) and the cost of one service event in the ledger.
import { findOverlaps, parseAddressEntry, type LabelledRange } from '../src/core/address/index.ts';
import { ledgerFromSnapshot } from '../src/core/pipeline/analyze.ts';
import { snapshotFromTexts } from '../src/core/manifest/snapshot.ts';
import type { Service } from '../src/core/model/types.ts';
import { bestOf, type Bench } from './bench.ts';
import { syntheticCluster } from './synthetic-cluster.ts';

const bench: Bench = {
  name: 'overlap',
  async run() {
    // 10,000 pools: /24 blocks, every 50th shifted by half a block so that it overlaps its neighbour.
    const items: LabelledRange<number>[] = [];
    for (let i = 0; i < 10_000; i++) {
      const base = (10 << 24) + i * 256 + (i % 50 === 0 ? 128 : 0);
      items.push({ range: parseAddressEntry(`${(base >>> 24) & 255}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.${base & 255}-${((base + 255) >>> 24) & 255}.${((base + 255) >>> 16) & 255}.${((base + 255) >>> 8) & 255}.${(base + 255) & 255}`), label: i });
      if (i % 3 === 0) items.push({ range: parseAddressEntry(`fd00:${i.toString(16)}::/64`), label: i });
    }
    let found = 0;
    const overlap = await bestOf(5, () => {
      found = findOverlaps(items).length;
    });
    if (found === 0) throw new Error('expected overlaps');

    // One service event against a 1,000-pool, 100,000-service ledger.
    const { list } = syntheticCluster({ pools: 1000, services: 100_000 });
    const snapshot = snapshotFromTexts([{ file: 'cluster.json', text: JSON.stringify(list) }]);
    const ledger = ledgerFromSnapshot(snapshot);
    const services = snapshot.services.slice(0, 20_000);
    const events = await bestOf(3, () => {
      for (const s of services) {
        const moved: Service = { ...s, ingressIPs: s.ingressIPs.length === 0 ? ['10.0.0.200'] : [] };
        ledger.upsertService(moved);
        ledger.upsertService(s);
      }
    });
    const read = await bestOf(3, () => {
      ledger.upsertService(services[0]!);
      for (const p of ledger.pools) p.usage('ipv4');
    });
    return [
      { name: 'overlap detection, 10,000 pools', value: overlap, unit: 'ms', target: '<= 100', ok: overlap <= 100 },
      { name: 'ledger: 40,000 service events', value: events, unit: 'ms', target: '<= 2000 (20k/s)', ok: events <= 2000 },
      { name: 'ledger: usage read of 1,000 pools', value: read, unit: 'ms' },
    ];
  },
};
export default bench;
