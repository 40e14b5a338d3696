// MetalLB's own allocator test cases (internal/allocator/allocator_test.go), re-expressed as pools and services.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Allocator, type AllocationResult } from '../../../src/core/allocator/index.ts';
import type { Pool, Service } from '../../../src/core/model/types.ts';
import { pool, sel, svc, type ServiceOptions } from './build.ts';

type Step =
  | { desc: string; restore: Service; want: string[] | false }
  | { desc: string; allocate: Service; want: string[] | false }
  | { desc: string; release: string };

function run(alloc: Allocator, steps: Step[]): void {
  for (const step of steps) {
    if ('release' in step) {
      alloc.release(step.release);
      continue;
    }
    let got: string[] | false;
    if ('restore' in step) {
      const r = alloc.restore(step.restore);
      got = r.ok ? r.ips : false;
    } else {
      const r: AllocationResult = alloc.allocate(step.allocate);
      got = r.ok ? r.ips : false;
    }
    assert.deepEqual(got, step.want, step.desc);
  }
}

const holds = (key: string, ingress: string[], o: ServiceOptions = {}) => svc(key, { ...o, ingress });

test('Assign: exclusive and shared addresses, buggy IPs, namespace and label pinning (TestAssignment)', () => {
  const pools: Pool[] = [
    pool('test', ['1.2.3.4/31', '1000::4/127']),
    pool('test2', ['1.2.4.0/24', '1000::4:0/120'], { avoidBuggyIPs: true }),
    pool('test3', ['1.2.5.0/24', '1000::5:0/120'], { avoidBuggyIPs: true, namespaces: ['test-ns1'] }),
    pool('test4', ['1.2.6.0/24', '1000::6:0/120'], { avoidBuggyIPs: true, serviceSelectors: [sel({ team: 'metallb' })] }),
    pool('test5', ['1.2.7.0/24', '1000::7:0/120'], { avoidBuggyIPs: true, priority: 20, namespaces: ['test-ns1'], serviceSelectors: [sel({ team: 'metallb' })] }),
    pool('test6', ['1.2.8.0/24', '1000::9:0/120'], { avoidBuggyIPs: true, priority: 20, namespaces: ['test-ns2'], serviceSelectors: [sel({ foo: 'bar' })] }),
  ];
  const a = new Allocator(pools, []);
  const shared = (key: string, ip: string, port: string, share: string, backend: string) =>
    holds(key, [ip], { family: ip.includes(':') ? 'ipv6' : 'ipv4', ports: [port], share, local: { app: backend } });
  const v6 = (key: string, ip: string) => holds(key, [ip], { family: 'ipv6' });
  run(a, [
    { desc: 'assign s1', restore: holds('s1', ['1.2.3.4']), want: ['1.2.3.4'] },
    { desc: 's1 idempotent reassign', restore: holds('s1', ['1.2.3.4']), want: ['1.2.3.4'] },
    { desc: "s2 can't grab s1's IP", restore: holds('s2', ['1.2.3.4']), want: false },
    { desc: 's2 can get the other IP', restore: holds('s2', ['1.2.3.5']), want: ['1.2.3.5'] },
    { desc: "s1 now can't grab s2's IP", restore: holds('s1', ['1.2.3.5']), want: false },
    { desc: 's1 frees its IP', release: 'default/s1' },
    { desc: "s2 can grab s1's former IP", restore: holds('s2', ['1.2.3.4']), want: ['1.2.3.4'] },
    { desc: "s1 can now grab s2's former IP", restore: holds('s1', ['1.2.3.5']), want: ['1.2.3.5'] },
    { desc: 's3 cannot grab a 0 buggy IP', restore: holds('s3', ['1.2.4.0']), want: false },
    { desc: 's3 cannot grab a 255 buggy IP', restore: holds('s3', ['1.2.4.255']), want: false },
    { desc: 's3 can grab another IP in that pool', restore: holds('s3', ['1.2.4.254']), want: ['1.2.4.254'] },
    { desc: 's4 takes an IP, with sharing', restore: shared('s4', '1.2.4.3', 'TCP/80', 'sharing', 'backend'), want: ['1.2.4.3'] },
    { desc: 's4 changes its sharing key in place', restore: shared('s4', '1.2.4.3', 'TCP/80', 'share', 'backend'), want: ['1.2.4.3'] },
    { desc: "s3 can't share with s4 (port conflict)", restore: shared('s3', '1.2.4.3', 'TCP/80', 'share', 'backend'), want: false },
    { desc: "s3 can't share with s4 (wrong sharing key)", restore: shared('s3', '1.2.4.3', 'TCP/443', 'othershare', 'backend'), want: false },
    { desc: "s3 can't share with s4 (wrong backend key)", restore: shared('s3', '1.2.4.3', 'TCP/443', 'share', 'otherbackend'), want: false },
    { desc: 's3 takes the same IP as s4', restore: shared('s3', '1.2.4.3', 'TCP/443', 'share', 'backend'), want: ['1.2.4.3'] },
    { desc: 's3 can change its ports while keeping the same IP', restore: shared('s3', '1.2.4.3', 'UDP/53', 'share', 'backend'), want: ['1.2.4.3'] },
    { desc: "s3 can't change its sharing key while keeping the same IP", restore: shared('s3', '1.2.4.3', 'TCP/443', 'othershare', 'backend'), want: false },
    { desc: "s3 can't change its backend key while keeping the same IP", restore: shared('s3', '1.2.4.3', 'TCP/443', 'share', 'otherbackend'), want: false },
    { desc: "s4 takes s3's former IP", restore: holds('s4', ['1.2.4.254']), want: ['1.2.4.254'] },
    // IPv6: the same story.
    { desc: 'ipv6 assign s1', restore: v6('s1', '1000::4'), want: ['1000::4'] },
    { desc: "ipv6 s2 can't grab s1's IP", restore: v6('s2', '1000::4'), want: false },
    { desc: 'ipv6 s2 can get another IP', restore: v6('s2', '1000::4:5'), want: ['1000::4:5'] },
    { desc: 'ipv6 s3 takes 1000::4:ff (no buggy IPs in IPv6)', restore: v6('s3', '1000::4:ff'), want: ['1000::4:ff'] },
    { desc: 'ipv6 s4 takes an IP with sharing', restore: shared('s4', '1000::4:3', 'TCP/80', 'share', 'backend'), want: ['1000::4:3'] },
    { desc: "ipv6 s3 can't share with s4 (port conflict)", restore: shared('s3', '1000::4:3', 'TCP/80', 'share', 'backend'), want: false },
    { desc: 'ipv6 s3 shares with s4', restore: shared('s3', '1000::4:3', 'TCP/443', 'share', 'backend'), want: ['1000::4:3'] },
    // Dual stack: both addresses from one pool.
    { desc: 's2 frees its IP', release: 'default/s2' },
    { desc: 'dual-stack s1 from one pool', restore: holds('s1', ['1.2.3.4', '1000::4'], { family: 'dual' }), want: ['1.2.3.4', '1000::4'] },
    { desc: 'dual-stack s1 from two pools', restore: holds('s1', ['1.2.4.5', '1000::4'], { family: 'dual' }), want: false },
    // serviceAllocation: namespaces and service labels, ANDed.
    { desc: 'pool pinned on the same namespace', restore: holds('test-ns1/s1', ['1.2.5.10']), want: ['1.2.5.10'] },
    { desc: 'pool pinned on another namespace', restore: holds('testns-not-exist/s1', ['1.2.5.10']), want: false },
    { desc: 'pool pinned to the service label', restore: holds('testns-not-exist/s1', ['1.2.6.10'], { labels: { team: 'metallb' } }), want: ['1.2.6.10'] },
    { desc: 'pool pinned to another service label', restore: holds('testns-not-exist/s1', ['1.2.6.10'], { labels: { team: 'red' } }), want: false },
    { desc: 'pool pinned to namespace and label', restore: holds('test-ns1/s1', ['1.2.7.10'], { labels: { team: 'metallb' } }), want: ['1.2.7.10'] },
    { desc: 'namespace matches, label does not', restore: holds('test-ns2/s1', ['1.2.8.10'], { labels: { team: 'metallb' } }), want: false },
    { desc: 'label matches, namespace does not', restore: holds('testns-not-exist/s1', ['1.2.8.10'], { labels: { foo: 'bar' } }), want: false },
  ]);
});

test('AllocateFromPool: a named pool, per family, with sharing and PreferDualStack (TestPoolAllocation)', () => {
  const quad = ['1.2.3.4/31', '1.2.3.10/31', '1000::/127', '2000::/127'];
  const a = new Allocator(
    [
      pool('not_this_one', ['192.168.0.0/16', 'fc00::1:0/112']),
      pool('test', quad),
      pool('test2', ['10.20.30.0/24', 'fc00::2:0/120']),
      pool('test-v4', ['1.2.3.4/31', '1.2.3.10/31']),
      pool('test-v6', ['1000::/127', '2000::/127']),
      pool('test-dualstack', quad),
    ],
    [],
  );
  const from = (key: string, o: ServiceOptions = {}) => svc(key, { pool: 'test', ...o });
  const v6 = { family: 'ipv6' as const };
  const dual = { family: 'dual' as const };
  run(a, [
    { desc: 's1 gets an IPv4', allocate: from('s1'), want: ['1.2.3.4'] },
    { desc: 's2 gets an IPv4', allocate: from('s2'), want: ['1.2.3.5'] },
    { desc: 's3 gets an IPv4 from the second entry', allocate: from('s3'), want: ['1.2.3.10'] },
    { desc: 's4 gets an IPv4', allocate: from('s4'), want: ['1.2.3.11'] },
    { desc: "s5 can't get an IPv4", allocate: from('s5'), want: false },
    { desc: "s6 can't get an IPv4", allocate: from('s6'), want: false },
    { desc: 's1 releases its IPv4', release: 'default/s1' },
    { desc: "s5 grabs s1's former IPv4", allocate: from('s5'), want: ['1.2.3.4'] },
    { desc: "s6 still can't", allocate: from('s6'), want: false },
    { desc: 's5 releases', release: 'default/s5' },
    { desc: 's5 enables sharing', allocate: from('s5', { ports: ['TCP/80'], share: 'share' }), want: ['1.2.3.4'] },
    { desc: 's6 shares with s5', allocate: from('s6', { ports: ['TCP/443'], share: 'share' }), want: ['1.2.3.4'] },
    ...['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => ({ desc: `${s} clears`, release: `default/${s}` })),
    { desc: 's1 gets an IPv6', allocate: from('s1', v6), want: ['1000::'] },
    { desc: 's2 gets an IPv6', allocate: from('s2', v6), want: ['1000::1'] },
    { desc: 's3 gets an IPv6', allocate: from('s3', v6), want: ['2000::'] },
    { desc: 's4 gets an IPv6', allocate: from('s4', v6), want: ['2000::1'] },
    { desc: "s5 can't get an IPv6", allocate: from('s5', v6), want: false },
    { desc: 's1 releases', release: 'default/s1' },
    { desc: "s5 grabs s1's former IPv6", allocate: from('s5', v6), want: ['1000::'] },
    { desc: 's5 releases', release: 'default/s5' },
    { desc: 's5 shares an IPv6', allocate: from('s5', { ...v6, ports: ['TCP/80'], share: 'share' }), want: ['1000::'] },
    { desc: 's6 shares it', allocate: from('s6', { ...v6, ports: ['TCP/443'], share: 'share' }), want: ['1000::'] },
    ...['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => ({ desc: `${s} clears`, release: `default/${s}` })),
    { desc: 's1 gets dual-stack', allocate: from('s1', dual), want: ['1.2.3.4', '1000::'] },
    { desc: 's2 gets dual-stack', allocate: from('s2', dual), want: ['1.2.3.5', '1000::1'] },
    { desc: 's3 gets dual-stack', allocate: from('s3', dual), want: ['1.2.3.10', '2000::'] },
    { desc: 's4 gets dual-stack', allocate: from('s4', dual), want: ['1.2.3.11', '2000::1'] },
    { desc: "s5 can't get dual-stack", allocate: from('s5', dual), want: false },
    { desc: 's1 releases', release: 'default/s1' },
    { desc: "s5 grabs s1's pair", allocate: from('s5', dual), want: ['1.2.3.4', '1000::'] },
    { desc: 's5 releases', release: 'default/s5' },
    { desc: 's5 shares a pair', allocate: from('s5', { ...dual, ports: ['TCP/80'], share: 'share' }), want: ['1.2.3.4', '1000::'] },
    { desc: 's6 shares it', allocate: from('s6', { ...dual, ports: ['TCP/443'], share: 'share' }), want: ['1.2.3.4', '1000::'] },
    ...['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => ({ desc: `${s} clears`, release: `default/${s}` })),
    // PreferDualStack takes what a pool has.
    { desc: 'prefer: s1 gets both', allocate: from('s1', { ...dual, policy: 'PreferDualStack' }), want: ['1.2.3.4', '1000::'] },
    { desc: 'prefer: s2 gets IPv4 from a v4 pool', allocate: from('s2', { ...dual, policy: 'PreferDualStack', pool: 'test-v4' }), want: ['1.2.3.5'] },
    { desc: 'prefer: s3 gets IPv6 from a v6 pool', allocate: from('s3', { ...dual, policy: 'PreferDualStack', pool: 'test-v6' }), want: ['1000::1'] },
    { desc: 's2 clears', release: 'default/s2' },
    { desc: 'prefer: s3 gets both from a dual pool', allocate: from('s3', { ...dual, policy: 'PreferDualStack', pool: 'test-dualstack' }), want: ['1.2.3.5', '1000::1'] },
  ]);
  const r = a.allocate(svc('s5', { pool: 'nonexistentpool' }));
  assert.equal(r.ok ? 'allocated' : r.reason.code, 'unknown-pool');
});

test('Allocate: lowest address of the first pool with room, sharing packs (TestAllocation)', () => {
  const a = new Allocator([pool('test1', ['1.2.3.4/31', '1000::4/127']), pool('test2', ['1.2.3.10/31', '1000::10/127'])], []);
  const v6 = { family: 'ipv6' as const };
  const dual = { family: 'dual' as const };
  const clear = ['s1', 's2', 's3', 's4', 's5', 's6'].map((s) => ({ desc: `${s} clears`, release: `default/${s}` }));
  run(a, [
    { desc: 's1', allocate: svc('s1'), want: ['1.2.3.4'] },
    { desc: 's2', allocate: svc('s2'), want: ['1.2.3.5'] },
    { desc: 's3 from the next pool', allocate: svc('s3'), want: ['1.2.3.10'] },
    { desc: 's4', allocate: svc('s4'), want: ['1.2.3.11'] },
    { desc: "s5 can't", allocate: svc('s5'), want: false },
    { desc: "s6 can't", allocate: svc('s6'), want: false },
    { desc: 's1 gives up its IPv4', release: 'default/s1' },
    { desc: 's5 gets it, sharing', allocate: svc('s5', { ports: ['TCP/80'], share: 'share' }), want: ['1.2.3.4'] },
    { desc: "s6 without a key still can't", allocate: svc('s6'), want: false },
    { desc: 's6 with the key shares', allocate: svc('s6', { ports: ['TCP/443'], share: 'share' }), want: ['1.2.3.4'] },
    ...clear,
    { desc: 'v6 s1', allocate: svc('s1', v6), want: ['1000::4'] },
    { desc: 'v6 s2', allocate: svc('s2', v6), want: ['1000::5'] },
    { desc: 'v6 s3', allocate: svc('s3', v6), want: ['1000::10'] },
    { desc: 'v6 s4', allocate: svc('s4', v6), want: ['1000::11'] },
    { desc: "v6 s5 can't", allocate: svc('s5', v6), want: false },
    { desc: 's1 gives up', release: 'default/s1' },
    { desc: 'v6 s5 sharing', allocate: svc('s5', { ...v6, ports: ['TCP/80'], share: 'share' }), want: ['1000::4'] },
    { desc: 'v6 s6 shares', allocate: svc('s6', { ...v6, ports: ['TCP/443'], share: 'share' }), want: ['1000::4'] },
    ...clear,
    { desc: 'dual s1', allocate: svc('s1', dual), want: ['1.2.3.4', '1000::4'] },
    { desc: 'dual s2', allocate: svc('s2', dual), want: ['1.2.3.5', '1000::5'] },
    { desc: 'dual s3', allocate: svc('s3', dual), want: ['1.2.3.10', '1000::10'] },
    { desc: 'dual s4', allocate: svc('s4', dual), want: ['1.2.3.11', '1000::11'] },
    { desc: "dual s5 can't", allocate: svc('s5', dual), want: false },
    { desc: 's1 gives up', release: 'default/s1' },
    { desc: 'dual s5 sharing', allocate: svc('s5', { ...dual, ports: ['TCP/80'], share: 'share' }), want: ['1.2.3.4', '1000::4'] },
    { desc: "dual s6 without a key can't", allocate: svc('s6', dual), want: false },
    { desc: 'dual s6 shares', allocate: svc('s6', { ...dual, ports: ['TCP/443'], share: 'share' }), want: ['1.2.3.4', '1000::4'] },
  ]);
});

test('avoidBuggyIPs skips .0 and .255 only where it is set (TestBuggyIPs)', () => {
  const a = new Allocator(
    [
      pool('test', ['1.2.3.0/31']),
      pool('test2', ['1.2.3.254/31']),
      pool('test3', ['1.2.4.0/31'], { avoidBuggyIPs: true }),
      pool('test4', ['1.2.4.254/31'], { avoidBuggyIPs: true }),
    ],
    [],
  );
  const got = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'].map((s) => {
    const r = a.allocate(svc(s));
    return r.ok ? r.ips[0] : r.reason.code;
  });
  assert.deepEqual(got, ['1.2.3.0', '1.2.3.1', '1.2.3.254', '1.2.3.255', '1.2.4.1', '1.2.4.254', 'pool-exhausted']);
});

test('a new configuration keeps, moves or drops existing allocations (TestConfigReload)', () => {
  const cases: Array<{ desc: string; pools: Pool[]; s1: string | null; s2: string | null }> = [
    { desc: 'same config is a no-op', pools: [pool('test', ['1.2.3.0/30', '1000::/126'])], s1: 'test', s2: 'test' },
    { desc: 'expand pool', pools: [pool('test', ['1.2.3.0/24', '1000::/120'])], s1: 'test', s2: 'test' },
    { desc: "shrink pool, s1's address stays", pools: [pool('test', ['1.2.3.0/30', '1000::/126'])], s1: 'test', s2: 'test' },
    { desc: 'shrink past s1 (a pool shrunk under an allocation)', pools: [pool('test', ['1.2.3.2/31', '1000::0/126'])], s1: null, s2: 'test' },
    { desc: 'shrink past s2', pools: [pool('test', ['1.2.3.0/30', '1000::2/127'])], s1: 'test', s2: null },
    { desc: 'rename the pool', pools: [pool('test2', ['1.2.3.0/30', '1000::0/126'])], s1: 'test2', s2: 'test2' },
    { desc: 'split pool', pools: [pool('test', ['1.2.3.0/31', '1000::2/127']), pool('test2', ['1.2.3.2/31', '1000::/127'])], s1: 'test', s2: 'test2' },
    { desc: 'avoidBuggyIPs turned on', pools: [pool('test2', ['1.2.3.0/31', '1000::/127'], { avoidBuggyIPs: true })], s1: null, s2: 'test2' },
  ];
  for (const c of cases) {
    const a = new Allocator([pool('test', ['1.2.3.0/30', '1000::/126']), pool('unused', ['1.2.4.0/30', '1001::/126'])], []);
    assert.ok(a.restore(holds('s1', ['1.2.3.0'])).ok, c.desc);
    assert.ok(a.restore(holds('s2', ['1000::'], { family: 'ipv6' })).ok, c.desc);
    const stale = a.setConfig(c.pools, []);
    assert.equal(a.holding('default/s1')?.pool ?? null, c.s1, `${c.desc}: s1`);
    assert.equal(a.holding('default/s2')?.pool ?? null, c.s2, `${c.desc}: s2`);
    assert.deepEqual(stale.map((s) => s.service).sort(), [c.s1 ? [] : ['default/s1'], c.s2 ? [] : ['default/s2']].flat(), `${c.desc}: stale`);
  }
});

test('autoAssign false pools are used only when named (TestAutoAssign)', () => {
  const a = new Allocator([pool('test1', ['1.2.3.4/31', '1000::4/127'], { autoAssign: false }), pool('test2', ['1.2.3.10/31', '1000::10/127'])], []);
  const results = (family: ServiceOptions['family']) =>
    ['s1', 's2', 's3', 's4'].map((s) => {
      const r = a.allocate(svc(s, { family }));
      return r.ok ? r.ips.join(',') : r.reason.code;
    });
  assert.deepEqual(results('ipv4'), ['1.2.3.10', '1.2.3.11', 'pool-exhausted', 'pool-exhausted']);
  for (const s of ['s1', 's2']) a.release(`default/${s}`);
  assert.deepEqual(results('ipv6'), ['1000::10', '1000::11', 'pool-exhausted', 'pool-exhausted']);
  for (const s of ['s1', 's2']) a.release(`default/${s}`);
  assert.deepEqual(results('dual'), ['1.2.3.10,1000::10', '1.2.3.11,1000::11', 'pool-exhausted', 'pool-exhausted']);
  // Named, the autoAssign false pool serves.
  const named = a.allocate(svc('s9', { pool: 'test1' }));
  assert.deepEqual(named.ok && named.ips, ['1.2.3.4']);
});
