// Overlapping pools give one answer everywhere: the table, the pending reason, `simulate` and /metrics agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricsExporter } from '../../../src/server/metrics/exporter.ts';
import { PendingTracker } from '../../../src/core/metrics/pending-tracker.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotFromTexts } from '../../../src/core/manifest/snapshot.ts';
import { analyze } from '../../../src/core/pipeline/analyze.ts';
import { FIXED_NOW, repoRoot, runInProcess } from '../../support/cli.ts';

const FILE = 'test/fixtures/two-pool-overlap/cluster.yaml';

interface JsonPool {
  name: string;
  ipv4: { inUse: string; available: string } | null;
}
interface JsonService {
  name: string;
  pool: string | null;
  reason: { code: string; message: string } | null;
}

async function json(command: string): Promise<{ pools: JsonPool[]; services: JsonService[] }> {
  const r = await runInProcess([command, '-o', 'json', FILE]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as { pools: JsonPool[]; services: JsonService[] };
}

test('pool "a" is full in status, its reason, simulate and /metrics; web is attributed to one pool everywhere', async () => {
  const table = await runInProcess(['status', FILE]);
  assert.match(table.stdout, /^a +IPv4 +1\/1 +100% +0 /m, 'the table row says a is full');
  assert.match(table.stdout, /^b +IPv4 +1\/2 +50\.0% +1 /m, 'b counts the shared address too');
  assert.match(table.stdout, /shop\/api +pool-exhausted +pool "a" \(1\/1 IPv4\) has no free IPv4 address/);

  for (const command of ['status', 'simulate']) {
    const out = await json(command);
    const a = out.pools.find((p) => p.name === 'a')!;
    assert.deepEqual([a.ipv4!.inUse, a.ipv4!.available], ['1', '0'], command);
    const api = out.services.find((s) => s.name === 'api')!;
    assert.equal(api.reason?.message, 'pool "a" (1/1 IPv4) has no free IPv4 address', command);
    assert.equal(out.services.find((s) => s.name === 'web')!.pool, 'a', `${command}: no annotation, so the first pool by name`);
  }

  // What `serve --source manifests` scrapes: the report of the same files.
  const report = analyze(snapshotFromTexts([{ file: FILE, text: readFileSync(join(repoRoot, FILE), 'utf8') }]), { now: FIXED_NOW });
  const tracker = new PendingTracker();
  tracker.observe(report);
  const text = await new MetricsExporter({ compat: true, serviceMetrics: true, processMetrics: false }).render({
    report,
    health: { source: 'manifests', up: true, ready: true, lastSyncMs: 0, restarts: {}, notes: [] },
    counters: { eventsApplied: new Map(), allocationFailures: tracker.counts },
    build: { version: '0.0.0', nodeVersion: 'v20.0.0' },
  });
  assert.match(text, /^poolwatch_pool_addresses_in_use\{pool="a",family="ipv4"\} 1$/m);
  assert.match(text, /^poolwatch_pool_addresses_available\{pool="a",family="ipv4"\} 0$/m);
  assert.match(text, /^poolwatch_service_address_info\{namespace="shop",service="web",pool="a",ip="10\.0\.0\.1"\} 1$/m);
  assert.match(text, /^metallb_allocator_addresses_in_use_total\{pool="a"\} 1$/m);
  assert.match(text, /^metallb_allocator_addresses_errors_total\{pool="a"\} 1$/m, 'the pending service is counted against the pool it asked for');
});
