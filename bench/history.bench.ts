// Benchmark: the history file for a year of 1,000 dual-stack pools sampled every minute, after compaction.
import type { Bench } from './bench.ts';
import { timed } from './bench.ts';
import { encodeStore, HistoryStore, type UsageSample } from '../src/core/history/index.ts';

const bench: Bench = {
  name: 'history',
  async run() {
    const now = 1_800_000_000;
    const store = new HistoryStore();
    const pools = 1000;
    const sampleAt = (t: number): UsageSample[] => {
      const out: UsageSample[] = [];
      for (let p = 0; p < pools; p++) {
        const used = BigInt(Math.floor(((t / 3600 + p) % 240) + 10));
        out.push({ pool: `pool-${p}`, family: 'ipv4', inUse: used, total: 254n });
        out.push({ pool: `pool-${p}`, family: 'ipv6', inUse: used / 2n, total: 1n << 64n });
      }
      return out;
    };
    // Recording every minute of a year would take minutes; the compacted result only depends on the
    // last sample of each bucket, so record those (and every minute of the last 6 hours).
    const times = new Set<number>();
    for (let age = 0; age < 6 * 3600; age += 60) times.add(now - age);
    for (let age = 6 * 3600; age < 3 * 86400; age += 600) times.add(now - age - ((now - age) % 600) + 540);
    for (let age = 3 * 86400; age < 35 * 86400; age += 3600) times.add(now - age - ((now - age) % 3600) + 3540);
    for (let age = 35 * 86400; age < 365 * 86400; age += 86400) times.add(now - age - ((now - age) % 86400) + 86340);
    for (const t of [...times].filter((t) => t <= now).sort((a, b) => a - b)) store.record(t, sampleAt(t));
    const compact = await timed(() => store.compact(now));
    const encoded = await timed(() => encodeStore(store));
    const mb = Buffer.byteLength(encoded.result.text) / 1e6;
    return [
      { name: 'history: a year of 1,000 dual-stack pools, file size', value: mb, unit: 'MB', target: '<= 50 MB', ok: mb <= 50 },
      { name: 'history: points kept per series', value: store.pointCount() / (2 * pools), unit: 'points' },
      { name: 'history: compaction of that year', value: compact.ms, unit: 'ms' },
      { name: 'history: rewriting that year as text', value: encoded.ms, unit: 'ms' },
    ];
  },
};
export default bench;
