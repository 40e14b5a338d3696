// Table tests for each allocation rule: families, requests, pool order and pinning, dual stack, next address, sharing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Allocator, serviceFamily, requestedIps, type AllocationResult } from '../../../src/core/allocator/index.ts';
import type { Namespace, Pool } from '../../../src/core/model/types.ts';
import { ns, pool, sel, svc, type ServiceOptions } from './build.ts';

function show(r: AllocationResult): string {
  return r.ok ? `${r.pool} ${r.ips.join(',')}` : r.reason.code;
}

test('service family comes from clusterIPs, or is predicted for a manifest not applied yet', () => {
  const cases: Array<[string, ServiceOptions, string]> = [
    ['one IPv4 clusterIP', { clusterIPs: ['10.96.0.5'] }, 'ipv4 SingleStack ipv4'],
    ['one IPv6 clusterIP', { clusterIPs: ['fd96::5'] }, 'ipv6 SingleStack ipv6'],
    ['two clusterIPs, IPv6 first', { family: 'dual6', policy: 'PreferDualStack' }, 'dual PreferDualStack ipv6'],
    ['RequireDualStack with one clusterIP', { clusterIPs: ['10.96.0.5'], policy: 'RequireDualStack' }, 'not-enough-cluster-ips'],
    ['two clusterIPs of one family', { clusterIPs: ['10.96.0.5', '10.96.0.6'], policy: 'RequireDualStack' }, 'invalid-request'],
    ['no clusterIPs, SingleStack', { clusterIPs: [], policy: 'SingleStack' }, 'ipv4 SingleStack ipv4'],
    ['no clusterIPs, RequireDualStack', { clusterIPs: [], policy: 'RequireDualStack' }, 'dual RequireDualStack ipv4'],
  ];
  for (const [desc, o, want] of cases) {
    const r = serviceFamily(svc('s', o));
    assert.equal(r.ok ? `${r.value.family} ${r.value.policy} ${r.value.primary}` : r.reason.code, want, desc);
  }
  const noIps = svc('s', { clusterIPs: [], policy: 'PreferDualStack' });
  const single = serviceFamily(noIps, { clusterIpFamilies: ['ipv6'] });
  assert.equal(single.ok && single.value.family, 'ipv6', 'PreferDualStack on a single-stack IPv6 cluster');
  const refused = serviceFamily(svc('s', { clusterIPs: [], policy: 'RequireDualStack' }), { clusterIpFamilies: ['ipv4'] });
  assert.equal(!refused.ok && refused.reason.code, 'not-enough-cluster-ips');
});

test('requested addresses: annotation (current prefix first) or spec.loadBalancerIP, never both', () => {
  const cases: Array<[string, ServiceOptions, string]> = [
    ['annotation list with spaces', { ips: '10.0.0.5 , fd00::5' }, 'dual 10.0.0.5'],
    ['legacy annotation', { annotations: { 'metallb.universe.tf/loadBalancerIPs': '10.0.0.6' } }, 'ipv4 10.0.0.6'],
    ['current prefix wins', { ips: '10.0.0.7', annotations: { 'metallb.universe.tf/loadBalancerIPs': '10.0.0.6' } }, 'ipv4 10.0.0.7'],
    ['spec.loadBalancerIP', { loadBalancerIP: '10.0.0.8' }, 'ipv4 10.0.0.8'],
    ['both', { ips: '10.0.0.7', loadBalancerIP: '10.0.0.8' }, 'invalid-request'],
    ['two of one family', { ips: '10.0.0.7,10.0.0.8' }, 'invalid-request'],
    ['three', { ips: '10.0.0.7,fd00::1,10.0.0.9' }, 'invalid-request'],
    ['not an address', { ips: '10.0.0.300' }, 'invalid-request'],
    ['nothing', {}, 'none'],
  ];
  for (const [desc, o, want] of cases) {
    const r = requestedIps(svc('s', o));
    const got = !r.ok ? r.reason.code : r.value ? `${r.value.family} ${r.value.ips[0]!.family === 'ipv4' ? '10.0.0.' + (r.value.ips[0]!.value & 255n) : ''}` : 'none';
    assert.equal(got, want, desc);
  }
});

test('pool order: pinned pools by priority (lower positive first, unset last, ties by name), then fallback pools by name', () => {
  const pools: Pool[] = [
    pool('z-fallback', ['10.9.0.1/32']),
    pool('a-fallback', ['10.8.0.1/32']),
    pool('p-unset', ['10.0.0.1/32'], { namespaces: ['shop'] }),
    pool('p-20', ['10.0.0.2/32'], { namespaces: ['shop'], priority: 20 }),
    pool('p-10b', ['10.0.0.3/32'], { namespaces: ['shop'], priority: 10 }),
    pool('p-10a', ['10.0.0.4/32'], { namespaces: ['shop'], priority: 10 }),
    pool('other-ns', ['10.0.0.5/32'], { namespaces: ['ops'], priority: 1 }),
    pool('prio-only', ['10.0.0.6/32'], { priority: 15 }),
    pool('manual', ['10.0.0.7/32'], { autoAssign: false }),
  ];
  const a = new Allocator(pools, []);
  const order = Array.from({ length: 9 }, (_, i) => show(a.allocate(svc(`shop/s${i}`))).split(' ')[0]);
  // A priority-only serviceAllocation pins the pool for every service; pools with a serviceAllocation never
  // serve as fallback; autoAssign false pools are never picked automatically.
  assert.deepEqual(order, ['p-10a', 'p-10b', 'prio-only', 'p-20', 'p-unset', 'a-fallback', 'z-fallback', 'pool-exhausted', 'pool-exhausted']);
  // A service of another namespace gets its own pinned pool, then the priority-only one, then the fallback pools (already used).
  const b = new Allocator(pools, []);
  assert.deepEqual([1, 2, 3, 4].map((i) => show(b.allocate(svc(`ops/s${i}`))).split(' ')[0]), ['other-ns', 'prio-only', 'a-fallback', 'z-fallback']);
});

test('pinning by namespaceSelectors and serviceSelectors (ANDed with namespaces)', () => {
  const namespaces: Namespace[] = [ns('shop', { team: 'web' }), ns('ops', { team: 'infra' })];
  const pools: Pool[] = [
    pool('web', ['10.1.0.0/30'], { namespaceSelectors: [sel({ team: 'web' })] }),
    pool('gold', ['10.2.0.0/30'], { serviceSelectors: [{ matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'In', values: ['gold'] }] }] }),
    pool('shop-gold', ['10.3.0.0/30'], { namespaces: ['shop'], serviceSelectors: [sel({ tier: 'gold' })], priority: 1 }),
    pool('default', ['10.9.0.0/30']),
  ];
  const a = new Allocator(pools, namespaces);
  assert.equal(show(a.allocate(svc('shop/plain'))), 'web 10.1.0.0');
  assert.equal(show(a.allocate(svc('shop/gold', { labels: { tier: 'gold' } }))), 'shop-gold 10.3.0.0');
  assert.equal(show(a.allocate(svc('ops/gold', { labels: { tier: 'gold' } }))), 'gold 10.2.0.0');
  assert.equal(show(a.allocate(svc('ops/plain'))), 'default 10.9.0.0');
  // Namespace labels are configuration: once the selector picks ops instead of shop, shop/plain's address is stale.
  const stale = a.setConfig(pools, [ns('shop', { team: 'other' }), ns('ops', { team: 'web' })]);
  assert.deepEqual(stale.map((s) => s.service), ['shop/plain']);
  assert.match(stale[0]!.problem, /pool "web", which serves only namespaces matching \{team=web\}/);
});

test('a pinned pool that is full falls through to the fallback pools', () => {
  const a = new Allocator([pool('pinned', ['10.1.0.1/32'], { namespaces: ['shop'] }), pool('shared', ['10.9.0.0/31'])], []);
  assert.deepEqual(['shop/a', 'shop/b'].map((k) => show(a.allocate(svc(k)))), ['pinned 10.1.0.1', 'shared 10.9.0.0']);
});

test('dual stack: one pool for both families, IPv4 first in the result, PreferDualStack falls back by primary family', () => {
  const pools = [pool('v4', ['10.0.0.0/31']), pool('v6', ['fd00::/127']), pool('zz-dual', ['10.1.0.0/31', 'fd01::/127'])];
  const a = new Allocator(pools, []);
  assert.equal(show(a.allocate(svc('require', { family: 'dual6' }))), 'zz-dual 10.1.0.0,fd01::');
  const b = new Allocator([pool('v4', ['10.0.0.0/31']), pool('v6', ['fd00::/127'])], []);
  assert.equal(show(b.allocate(svc('require', { family: 'dual' }))), 'dual-stack-unsatisfiable');
  assert.equal(show(b.allocate(svc('prefer4', { family: 'dual', policy: 'PreferDualStack' }))), 'v4 10.0.0.0');
  assert.equal(show(b.allocate(svc('prefer6', { family: 'dual6', policy: 'PreferDualStack' }))), 'v6 fd00::');
});

test('next address: first entry in listed order with room, lowest address in it, ranges and IPv6 /48', () => {
  const a = new Allocator([pool('p', ['10.0.5.0/31', '10.0.1.10 - 10.0.1.12', 'fd00:1::/48'], { avoidBuggyIPs: true })], []);
  const got = ['a', 'b', 'c', 'd', 'e'].map((s) => show(a.allocate(svc(s))).split(' ')[1]);
  // 10.0.5.0 is buggy; then the range in order; then nothing.
  assert.deepEqual(got, ['10.0.5.1', '10.0.1.10', '10.0.1.11', '10.0.1.12', undefined]);
  assert.equal(show(a.allocate(svc('v6', { family: 'ipv6' }))), 'p fd00:1::');
  assert.deepEqual(a.usage('p'), { ipv4: { inUse: 4n, total: 4n }, ipv6: { inUse: 1n, total: 1n << 80n } });
});

test('sharing: same key packs onto the lowest compatible address; Local needs the same selector; ports must not clash', () => {
  const a = new Allocator([pool('p', ['10.0.0.0/29'])], []);
  const r = (key: string, o: ServiceOptions) => show(a.allocate(svc(key, o))).split(' ')[1] ?? '';
  assert.equal(r('dns-tcp', { share: 'dns', ports: ['TCP/53'] }), '10.0.0.0');
  assert.equal(r('web', { ports: ['TCP/80'] }), '10.0.0.1');
  assert.equal(r('dns-udp', { share: 'dns', ports: ['UDP/53'] }), '10.0.0.0');
  assert.equal(r('dns-tcp-2', { share: 'dns', ports: ['TCP/53'] }), '10.0.0.2', 'port clash: next free address');
  assert.equal(r('local-a', { share: 'loc', local: { app: 'a' }, ports: ['TCP/1'] }), '10.0.0.3');
  assert.equal(r('local-b', { share: 'loc', local: { app: 'b' }, ports: ['TCP/2'] }), '10.0.0.4', 'other selector');
  assert.equal(r('local-a2', { share: 'loc', local: { app: 'a' }, ports: ['TCP/2'] }), '10.0.0.3', 'same selector');
  // A shared address counts once.
  assert.deepEqual(a.usage('p')?.ipv4, { inUse: 5n, total: 8n });
  a.release('default/dns-tcp');
  assert.deepEqual(a.usage('p')?.ipv4, { inUse: 5n, total: 8n }, 'still held by dns-udp');
  a.release('default/dns-udp');
  assert.deepEqual(a.usage('p')?.ipv4, { inUse: 4n, total: 8n });
});

test('services MetalLB does not handle are left alone', () => {
  const a = new Allocator([pool('p', ['10.0.0.0/30'])], []);
  assert.equal(a.handles(svc('np', { type: 'NodePort' })), false);
  assert.equal(a.handles(svc('other', { lbClass: 'example.com/other' })), false);
  const c = new Allocator([pool('p', ['10.0.0.0/30'])], [], { lbClass: 'example.com/other' });
  assert.equal(c.handles(svc('other', { lbClass: 'example.com/other' })), true);
  assert.equal(c.handles(svc('plain')), false);
});
