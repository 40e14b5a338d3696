// Load: bounded autocannon runs against /metrics and /api/v1/status of a real `serve` process on a 10,000-service cluster.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: autocannon ships no type declarations
import autocannon from 'autocannon';
import { stringify } from 'yaml';
import type { Bench, BenchResult } from './bench.ts';
import { serveBenchCluster } from './serve-cluster.ts';
import { startServe } from '../test/support/serve.ts';

const SERVICES = 10_000;
const DURATION_S = 5;
const CONNECTIONS = 10;

interface CannonResult {
  requests: { average: number };
  latency: { p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Resident and peak memory of a process, in MB (Linux). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const bench: Bench = {
  name: 'serve-load',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'poolwatch-load-'));
    const cluster = serveBenchCluster(20, SERVICES);
    writeFileSync(join(dir, 'pools.yaml'), cluster.pools.map((p) => stringify(p)).join('---\n'));
    writeFileSync(join(dir, 'services.yaml'), cluster.services.map((s) => stringify(s)).join('---\n'));
    const serve = await startServe([dir, '--compat', 'metallb', '--log-level', 'warn'], {}, 180_000);
    const rows: BenchResult[] = [];
    try {
      // First scrape and first status computed before measuring (as after the first Prometheus scrape).
      for (const path of ['/metrics', '/api/v1/status']) {
        const { text } = await serve.get(path);
        rows.push({ name: `serve-load: ${path} body`, value: Buffer.byteLength(text) / 1e6, unit: 'MB' });
      }
      const before = memoryMb(serve.process.pid);
      rows.push({ name: `serve-load: RSS before (${SERVICES} svc)`, value: before.rss, unit: 'MB' });
      for (const path of ['/metrics', '/api/v1/status']) {
        const r = (await autocannon({ url: `${serve.url}${path}`, connections: CONNECTIONS, duration: DURATION_S })) as CannonResult;
        const errors = r.errors + r.timeouts + r.non2xx;
        rows.push({ name: `serve-load: ${path} throughput`, value: r.requests.average, unit: 'req/s' });
        rows.push({ name: `serve-load: ${path} p99 latency`, value: r.latency.p99, unit: 'ms' });
        rows.push({ name: `serve-load: ${path} errors`, value: errors, unit: '', target: '0', ok: errors === 0 });
      }
      const after = memoryMb(serve.process.pid);
      rows.push({ name: 'serve-load: RSS after', value: after.rss, unit: 'MB' });
      rows.push({ name: 'serve-load: peak RSS', value: after.peak, unit: 'MB' });
    } finally {
      await serve.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default bench;
