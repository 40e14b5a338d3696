// Unit tests for the lab simulation: seeded replay, every pool case present, the filling pool exhausts, pending with reasons, expansion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPANSION_DELAY_SECONDS, FILLING_POOL, LabCluster, Rng } from '../../../src/core/lab/index.ts';
import { parseIp, rangeContains } from '../../../src/core/address/index.ts';

const start = 1_800_000_000;
const HOUR = 3600;

function heldIn(lab: LabCluster, pool: string): number {
  const p = lab.snapshot().pools.find((x) => x.name === pool)!;
  let n = 0;
  for (const s of lab.snapshot().services) {
    for (const ip of s.ingressIPs) {
      const a = parseIp(ip);
      if (p.addresses.some((r) => r.range && rangeContains(r.range, a.family, a.value))) n++;
    }
  }
  return n;
}

test('the same seed replays the same cluster', () => {
  const a = new LabCluster({ start, seed: 7 });
  const b = new LabCluster({ start, seed: 7 });
  a.advanceTo(start + 5 * HOUR);
  b.advanceTo(start + 5 * HOUR);
  assert.deepEqual(a.snapshot(), b.snapshot());
  const c = new LabCluster({ start, seed: 8 });
  c.advanceTo(start + 5 * HOUR);
  assert.notDeepEqual(a.snapshot().services.map((s) => s.name), c.snapshot().services.map((s) => s.name));
});

test('the pools show every case', () => {
  const pools = new LabCluster({ start }).snapshot().pools;
  const byName = new Map(pools.map((p) => [p.name, p]));
  assert.equal(byName.get(FILLING_POOL)!.avoidBuggyIPs, true);
  assert.ok(pools.some((p) => p.addresses.some((a) => a.text.endsWith('/64'))), 'an IPv6 /64');
  assert.ok(pools.some((p) => new Set(p.addresses.map((a) => a.range!.family)).size === 2), 'a dual-stack pool');
  assert.ok(pools.some((p) => p.serviceAllocation?.namespaces.length && p.serviceAllocation.priority !== null), 'a namespace-pinned pool with priority');
  assert.ok(pools.some((p) => !p.autoAssign), 'an autoAssign false pool');
});

test('one pool starts close to full, and the filling pool grows until it is exhausted', () => {
  const lab = new LabCluster({ start, seed: 1 });
  assert.equal(heldIn(lab, 'legacy'), 19);
  const initial = heldIn(lab, FILLING_POOL);
  lab.advanceTo(start + 4 * HOUR);
  assert.ok(heldIn(lab, FILLING_POOL) > initial + 20, 'upward trend');
  let t = start + 4 * HOUR;
  while (heldIn(lab, FILLING_POOL) < 254 && t < start + 48 * HOUR) lab.advanceTo((t += HOUR));
  assert.equal(heldIn(lab, FILLING_POOL), 254, 'exhausted within two days');
  lab.advanceTo(t + HOUR);
  const pending = lab.snapshot().services.filter((s) => s.ingressIPs.length === 0);
  assert.ok(pending.length > 2, 'new services go pending');
  const events = lab.snapshot().events;
  assert.ok(events.some((e) => /no available IPs/.test(e.message)), 'with MetalLB\'s AllocationFailed event');
});

test('services with a broken request stay pending with their own reason', () => {
  const events = new LabCluster({ start }).snapshot().events;
  assert.ok(events.some((e) => e.serviceName === 'checkout-typo' && /web-pool/.test(e.message)));
  assert.ok(events.some((e) => e.serviceName === 'warehouse-fixed-ip' && /192\.168\.50\.10/.test(e.message)));
});

test('after a long exhaustion the operator adds a range and pending services get addresses', () => {
  const lab = new LabCluster({ start, seed: 1 });
  let t = start;
  while (heldIn(lab, FILLING_POOL) < 254) lab.advanceTo((t += HOUR));
  lab.advanceTo(t + EXPANSION_DELAY_SECONDS + 2 * HOUR);
  const web = lab.snapshot().pools.find((p) => p.name === FILLING_POOL)!;
  assert.equal(web.addresses.length, 2);
  assert.ok(heldIn(lab, FILLING_POOL) > 254);
  assert.ok(lab.drainChanges().some((c) => c.kind === 'IPAddressPool'));
});

test('the random generator is uniform enough and seeded', () => {
  const r = new Rng(42);
  const xs = Array.from({ length: 10_000 }, () => r.next());
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.equal(new Rng(42).next(), xs[0]);
});
