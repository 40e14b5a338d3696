// Whole-snapshot simulation: keeps valid allocations, allocates the rest oldest first, moves stale ones; explains pending ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainPending, processingOrder, simulate } from '../../../src/core/allocator/index.ts';
import { emptySnapshot, type ClusterSnapshot } from '../../../src/core/model/snapshot.ts';
import { pool, svc } from './build.ts';

function snapshot(parts: Partial<ClusterSnapshot>): ClusterSnapshot {
  return { ...emptySnapshot(), ...parts };
}

test('processing order: creationTimestamp, then input order for services not applied yet', () => {
  const order = processingOrder([
    svc('new-1'),
    svc('old', { created: '2026-01-01T00:00:00Z' }),
    svc('new-2'),
    svc('older', { created: '2025-06-01T00:00:00Z' }),
  ]).map((s) => s.name);
  assert.deepEqual(order, ['older', 'old', 'new-1', 'new-2']);
});

test('simulate keeps valid allocations, fills the lowest free addresses oldest first, leaves the rest pending', () => {
  const snap = snapshot({
    pools: [pool('web', ['10.0.0.0/30'])],
    services: [
      svc('shop/late'),
      svc('shop/kept', { ingress: ['10.0.0.1'], created: '2026-01-01T00:00:00Z' }),
      svc('shop/early', { created: '2026-02-01T00:00:00Z' }),
      svc('shop/np', { type: 'NodePort' }),
      svc('shop/overflow-1'),
      svc('shop/overflow-2'),
    ],
  });
  const sim = simulate(snap);
  const rows = sim.services.map((s) => `${s.service.name} ${s.state} ${s.ips.join(',')} ${s.simulated ? 'simulated' : ''} ${s.reason?.code ?? ''}`.trim());
  assert.deepEqual(rows, [
    'late allocated 10.0.0.2 simulated',
    'kept allocated 10.0.0.1',
    'early allocated 10.0.0.0 simulated',
    'np ignored',
    'overflow-1 allocated 10.0.0.3 simulated',
    'overflow-2 pending   pool-exhausted',
  ]);
  // The snapshot after carries the new addresses and the pool annotation MetalLB writes.
  const late = sim.snapshot.services[0]!;
  assert.deepEqual(late.ingressIPs, ['10.0.0.2']);
  assert.equal(late.annotations['metallb.io/ip-allocated-from-pool'], 'web');
  assert.deepEqual(snap.services[0]!.ingressIPs, [], 'the input is not modified');
});

test('a stale allocation (pool shrunk, avoidBuggyIPs turned on) is shown moving where MetalLB would put it', () => {
  const snap = snapshot({
    pools: [pool('web', ['10.0.0.0/24'], { avoidBuggyIPs: true })],
    services: [
      svc('shop/buggy', { ingress: ['10.0.0.0'], created: '2026-01-01T00:00:00Z', annotations: { 'metallb.io/ip-allocated-from-pool': 'web' } }),
      svc('shop/gone', { ingress: ['10.9.0.1'], created: '2026-01-02T00:00:00Z' }),
      svc('shop/fine', { ingress: ['10.0.0.1'], created: '2026-01-03T00:00:00Z' }),
    ],
  });
  const sim = simulate(snap);
  const [buggy, gone, fine] = sim.services;
  assert.deepEqual([buggy!.ips, buggy!.simulated, buggy!.stale?.ips, buggy!.stale?.pool], [['10.0.0.2'], true, ['10.0.0.0'], 'web']);
  assert.equal(buggy!.stale?.problem, '10.0.0.0 ends in .0 or .255 and pool "web" has avoidBuggyIPs, so MetalLB never hands it out');
  assert.deepEqual([gone!.ips, gone!.stale?.problem], [['10.0.0.3'], '10.9.0.1 is in no address pool']);
  assert.deepEqual([fine!.ips, fine!.simulated, fine!.stale], [['10.0.0.1'], false, null]);
});

test('two services claiming one address: the older keeps it, the younger is stale', () => {
  const snap = snapshot({
    pools: [pool('web', ['10.0.0.0/30'])],
    services: [svc('b', { ingress: ['10.0.0.0'], created: '2026-01-02T00:00:00Z' }), svc('a', { ingress: ['10.0.0.0'], created: '2026-01-01T00:00:00Z' })],
  });
  const [b, a] = simulate(snap).services;
  assert.deepEqual([a!.ips, a!.simulated], [['10.0.0.0'], false]);
  assert.deepEqual([b!.ips, b!.simulated, b!.stale?.problem], [['10.0.0.1'], true, '10.0.0.0 is held by default/a, which has no allow-shared-ip key']);
});

test('explainPending judges each pending service against the existing allocations, with MetalLB events', () => {
  const snap = snapshot({
    pools: [pool('web', ['10.0.0.0/31'])],
    services: [svc('held', { ingress: ['10.0.0.0'] }), svc('waiting'), svc('other', { ips: '10.0.0.0' }), svc('done', { ingress: ['10.0.0.1'] })],
    events: [{ namespace: 'default', serviceName: 'waiting', message: 'Failed to allocate IP for "default/waiting": no available IPs', lastTimestamp: null, location: null }],
  });
  const reasons = explainPending(snap);
  assert.deepEqual([...reasons.keys()], ['default/waiting', 'default/other']);
  assert.equal(reasons.get('default/waiting')?.code, 'pool-exhausted');
  assert.equal(reasons.get('default/other')?.message, '10.0.0.0 is held by default/held, which has no allow-shared-ip key');
  const freed = explainPending({ ...snap, services: snap.services.slice(0, 2) });
  assert.equal(freed.get('default/waiting')?.code, 'allocation-failed');
  assert.match(freed.get('default/waiting')!.message, /^MetalLB reported: Failed to allocate IP for "default\/waiting": no available IPs; yet pool "web" has 10\.0\.0\.1 free/);
});

test('a service without clusterIPs keeps the family its addresses show', () => {
  const snap = snapshot({
    pools: [pool('p', ['10.0.0.0/30', 'fd00::/126'])],
    services: [svc('dual', { clusterIPs: [], policy: 'SingleStack', ingress: ['10.0.0.1', 'fd00::1'] })],
  });
  const [s] = simulate(snap).services;
  assert.deepEqual([s!.ips, s!.simulated, s!.stale], [['10.0.0.1', 'fd00::1'], false, null]);
});
