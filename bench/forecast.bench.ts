// Benchmark: the exhaustion forecast for 1,000 dual-stack pools with 6 hours of one-minute samples each.
import type { Bench } from './bench.ts';
import { bestOf } from './bench.ts';
import { forecastAll, type SeriesInput } from '../src/core/forecast/index.ts';

const bench: Bench = {
  name: 'forecast',
  async run() {
    const now = 1_800_000_000;
    const inputs: SeriesInput[] = [];
    for (let p = 0; p < 1000; p++) {
      for (const family of ['ipv4', 'ipv6'] as const) {
        const samples = Array.from({ length: 7 * 60 }, (_, i) => ({ t: now - (7 * 60 - 1 - i) * 60, v: 50 + ((p * 7 + i * (p % 5)) % 200) }));
        inputs.push({ pool: `pool-${p}`, family, samples, inUse: 100n, total: family === 'ipv4' ? 254n : 1n << 64n });
      }
    }
    const ms = await bestOf(5, () => forecastAll(inputs, { now }));
    return [{ name: 'forecast: 1,000 pools x 2 families, 6h of 1m samples', value: ms, unit: 'ms', target: '<= 100 ms', ok: ms <= 100 }];
  },
};
export default bench;
