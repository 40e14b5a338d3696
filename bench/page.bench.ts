// Benchmark: the web page in real Chromium with 1,000 pools and 100,000 services (first useful render), and its code size.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench } from './bench.ts';
import type { Report, PoolReport, ServiceReport } from '../src/core/report/types.ts';
import { createServer } from '../src/server/http-server.ts';
import { LocalHistory } from '../src/sources/history-provider.ts';
import { silentLogger } from '../src/log.ts';
import { launchChromium } from '../test/support/browser.ts';
// @ts-expect-error: a plain ES module without type declarations
import { buildUi } from '../scripts/build-ui.mjs';

export function syntheticReport(pools: number, services: number): Report {
  const poolReports: PoolReport[] = [];
  const serviceReports: ServiceReport[] = [];
  const perPool = Math.floor(services / pools);
  for (let p = 0; p < pools; p++) {
    const v6 = p % 4 === 0;
    const total = v6 ? 1n << 64n : 254n;
    const inUse = BigInt(Math.min(Number(total), Math.floor(perPool * 0.95)));
    const usage = { total, inUse, available: total - inUse, utilization: Number(inUse) / Number(total) };
    poolReports.push({
      name: `pool-${p}`,
      namespace: 'metallb-system',
      autoAssign: true,
      avoidBuggyIPs: !v6,
      priority: null,
      addresses: [v6 ? `fd00:${p.toString(16)}::/64` : `10.${p >> 8}.${p & 255}.0/24`],
      ipv4: v6 ? null : usage,
      ipv6: v6 ? usage : null,
      services: Number(inUse),
      namespaces: { [`ns-${p % 50}`]: { ipv4: v6 ? 0n : inUse, ipv6: v6 ? inUse : 0n } },
    });
    for (let s = 0; s < perPool; s++) {
      const pending = s >= Number(inUse);
      serviceReports.push({
        namespace: `ns-${(p + s) % 50}`,
        name: `svc-${p}-${s}`,
        state: pending ? 'pending' : 'allocated',
        pool: pending ? null : `pool-${p}`,
        ips: pending ? [] : [v6 ? `fd00:${p.toString(16)}::${s.toString(16)}` : `10.${p >> 8}.${p & 255}.${s + 1}`],
        sharingKey: null,
        simulated: false,
        reason: pending ? { code: 'pool-exhausted', message: `pool "pool-${p}" has no free address` } : null,
      });
    }
  }
  return { generatedAt: '2026-11-21T10:00:00Z', pools: poolReports, services: serviceReports, findings: [], facts: { overlaps: [], pendingPools: new Map() } };
}

const bench: Bench = {
  name: 'page',
  async run() {
    const outDir = await buildUi({ quiet: true });
    const code = ['index.html', 'app.js', 'app.css'].reduce((sum, f) => sum + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0) / 1024;
    const report = syntheticReport(1000, 100_000);
    let clock = 1_795_255_200;
    const history = new LocalHistory({ report: () => report, now: () => clock, intervalSeconds: 60, lookbackSeconds: 21600 });
    for (let i = 0; i < 60; i++) history.sample((clock += 60));
    const deps = {
      report: () => report,
      health: () => ({ source: 'bench', up: true, ready: true, lastSyncMs: Date.now(), restarts: {}, notes: [] }),
      metrics: async () => ({ contentType: 'text/plain', body: '' }),
      log: silentLogger,
      history,
    };
    const server = createServer({ deps });
    const address = await server.listen(0, '127.0.0.1');
    const browser = await launchChromium();
    const renders: number[] = [];
    try {
      for (let run = 0; run < 3; run++) {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${address.port}/`);
        await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
        renders.push(await page.evaluate(() => performance.getEntriesByName('poolwatch-ready')[0]!.startTime));
        await page.close();
      }
    } finally {
      await browser.close();
      await server.close(1000);
    }
    const best = Math.min(...renders);
    return [
      { name: 'page: first useful render, 1,000 pools / 100,000 services (Chromium, best of 3)', value: best, unit: 'ms', target: '<= 1000 ms', ok: best <= 1000 },
      { name: 'page: code transferred (html+js+css, gzipped)', value: code, unit: 'KB', target: '<= 200 KB', ok: code <= 200 },
    ];
  },
};
export default bench;
