// One test per pending reason code: the situation that produces it and the message that names pools and numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Allocator } from '../../../src/core/allocator/index.ts';
import { REASON_CODES } from '../../../src/core/report/codes.ts';
import type { Service } from '../../../src/core/model/types.ts';
import { pool, sel, svc } from './build.ts';

const covered = new Set<string>();

function reason(a: Allocator, s: Service): string {
  const r = a.explainPending(s);
  covered.add(r.code);
  return `${r.code}: ${r.message}`;
}

/** web (pinned to shop) and default, both IPv4 /31s, filled by four services. */
function full(): Allocator {
  const a = new Allocator([pool('web', ['10.0.0.0/31'], { namespaces: ['shop'] }), pool('default', ['10.1.0.0/31'])], []);
  for (const n of ['a', 'b', 'c', 'd']) assert.ok(a.allocate(svc(`shop/${n}`)).ok);
  return a;
}

test('pool-exhausted names every pool considered with its numbers', () => {
  assert.equal(reason(full(), svc('shop/api')), 'pool-exhausted: pools "web" (2/2 IPv4) and "default" (2/2 IPv4) have no free IPv4 address');
  assert.equal(reason(full(), svc('shop/api', { pool: 'web' })), 'pool-exhausted: pool "web" (2/2 IPv4) has no free IPv4 address');
  const shared = new Allocator([pool('p', ['10.0.0.0/32'])], []);
  assert.ok(shared.allocate(svc('dns-tcp', { share: 'dns', ports: ['TCP/53'] })).ok);
  assert.equal(
    reason(shared, svc('dns-tcp-2', { share: 'dns', ports: ['TCP/53'] })),
    'pool-exhausted: pool "p" (1/1 IPv4) has no free IPv4 address; the address shared under allow-shared-ip "dns" (10.0.0.0) is held by default/dns-tcp, which already uses port TCP/53 on it',
  );
});

test('no-matching-pool says why each pool is out', () => {
  const a = new Allocator(
    [pool('manual', ['10.0.0.0/31'], { autoAssign: false }), pool('web', ['10.1.0.0/31'], { namespaces: ['shop'] }), pool('gold', ['10.2.0.0/31'], { serviceSelectors: [sel({ tier: 'gold' })] })],
    [],
  );
  assert.equal(
    reason(a, svc('ops/x')),
    'no-matching-pool: no pool may serve ops/x automatically: "gold" serves only services labelled {tier=gold}, "manual" has autoAssign false and "web" serves only namespaces shop (name a pool with metallb.io/address-pool, or widen a pool\'s serviceAllocation)',
  );
  assert.equal(reason(new Allocator([], []), svc('ops/x')), 'no-matching-pool: no address pools are configured, so MetalLB cannot serve ops/x');
  assert.equal(reason(a, svc('ops/x', { pool: 'web' })), 'no-matching-pool: metallb.io/address-pool names pool "web", which serves only namespaces shop');
});

test('unknown-pool', () => {
  assert.equal(reason(full(), svc('shop/x', { pool: 'nope' })), 'unknown-pool: metallb.io/address-pool names pool "nope", which does not exist (pools: "default", "web")');
});

test('requested-ip-not-in-pool: outside every pool, a buggy address, or a pool that does not serve the service', () => {
  const a = new Allocator([pool('web', ['10.0.0.0/24'], { namespaces: ['shop'], avoidBuggyIPs: true })], []);
  assert.equal(reason(a, svc('shop/x', { ips: '10.5.0.0' })), 'requested-ip-not-in-pool: 10.5.0.0 is in no address pool');
  assert.equal(
    reason(a, svc('shop/x', { loadBalancerIP: '10.0.0.255' })),
    'requested-ip-not-in-pool: 10.0.0.255 ends in .0 or .255 and pool "web" has avoidBuggyIPs, so MetalLB never hands it out',
  );
  assert.equal(reason(a, svc('ops/x', { ips: '10.0.0.1' })), 'requested-ip-not-in-pool: 10.0.0.1 is in pool "web", which serves only namespaces shop');
});

test('requested-ip-in-use names the holder and why it cannot share', () => {
  assert.equal(reason(full(), svc('shop/x', { ips: '10.0.0.0' })), 'requested-ip-in-use: 10.0.0.0 is held by shop/a, which has no allow-shared-ip key');
  const a = new Allocator([pool('p', ['10.0.0.0/30'])], []);
  assert.ok(a.allocate(svc('shop/api', { share: 'one' })).ok);
  assert.equal(reason(a, svc('shop/x', { ips: '10.0.0.0', share: 'two' })), 'requested-ip-in-use: 10.0.0.0 is held by shop/api with allow-shared-ip "one", not "two"');
});

test('ip-family-mismatch: the request or the pools do not have the service\'s family', () => {
  assert.equal(reason(full(), svc('shop/x', { ips: 'fd00::1' })), 'ip-family-mismatch: metallb.io/loadBalancerIPs asks for fd00::1 (IPv6) but the service is IPv4');
  assert.equal(
    reason(full(), svc('shop/v6', { family: 'ipv6' })),
    'ip-family-mismatch: the service is IPv6, but the pools that may serve it have no IPv6 addresses: "web" has only IPv4 and "default" has only IPv4',
  );
  assert.equal(
    reason(full(), svc('shop/v6', { family: 'ipv6', pool: 'default' })),
    'ip-family-mismatch: metallb.io/address-pool names pool "default", which has no IPv6 addresses, and the service is IPv6',
  );
});

test('invalid-request: contradictory or malformed requests', () => {
  assert.equal(
    reason(full(), svc('shop/x', { ips: '10.0.0.1', loadBalancerIP: '10.0.0.2' })),
    'invalid-request: the service sets both metallb.io/loadBalancerIPs and spec.loadBalancerIP; MetalLB accepts only one of them',
  );
  const a = new Allocator([pool('web', ['10.0.0.0/30']), pool('other', ['10.1.0.0/30'])], []);
  assert.equal(
    reason(a, svc('x', { ips: '10.1.0.1', pool: 'web' })),
    'invalid-request: metallb.io/loadBalancerIPs asks for 10.1.0.1 in pool "other", but metallb.io/address-pool asks for pool "web"',
  );
  assert.equal(
    reason(a, svc('x', { ips: '10.1.0.1,10.1.0.2' })),
    'invalid-request: metallb.io/loadBalancerIPs asks for 10.1.0.1, 10.1.0.2: two addresses of one family; MetalLB accepts one address, or one IPv4 and one IPv6',
  );
});

test('dual-stack-unsatisfiable: no pool that may serve the service has both families', () => {
  assert.equal(
    reason(full(), svc('shop/dual', { family: 'dual' })),
    'dual-stack-unsatisfiable: RequireDualStack needs an IPv4 and an IPv6 address from one pool, and none of the pools that may serve it has both: "web" has only IPv4 and "default" has only IPv4',
  );
});

test('not-enough-cluster-ips', () => {
  assert.equal(
    reason(full(), svc('shop/x', { clusterIPs: ['10.96.0.1'], policy: 'RequireDualStack' })),
    'not-enough-cluster-ips: ipFamilyPolicy RequireDualStack needs two clusterIPs but the service has only 10.96.0.1; MetalLB refuses it (is the cluster dual-stack?)',
  );
});

test('allocation-failed: MetalLB gave up but an address is free', () => {
  const a = new Allocator([pool('big', ['fd00::/64', '10.0.0.0/32'])], []);
  assert.ok(a.allocate(svc('a')).ok);
  const event = { namespace: 'default', serviceName: 'c', message: 'Failed to allocate IP for "default/c": no available IPs', lastTimestamp: null, location: null };
  const r = a.explainPending(svc('c', { family: 'ipv6' }), event);
  covered.add(r.code);
  assert.equal(r.code, 'allocation-failed');
  assert.equal(
    r.message,
    'MetalLB reported: Failed to allocate IP for "default/c": no available IPs; yet pool "big" has fd00:: free for it, so MetalLB may be behind or running on a stale configuration (see metallb_k8s_client_config_stale_bool and the controller\'s logs)',
  );
  // Applied (a creationTimestamp) but no event: still MetalLB's failure to explain.
  assert.match(a.explainPending(svc('d', { family: 'ipv6', created: '2026-01-01T00:00:00Z' })).message, /^MetalLB has not assigned an address, yet pool "big" has fd00:: free for it, so/);
});

test('not-applied: a manifest never applied (no creationTimestamp, no event) that MetalLB would serve', () => {
  const a = new Allocator([pool('big', ['fd00::/64', '10.0.0.0/32'])], []);
  assert.ok(a.allocate(svc('a')).ok);
  assert.equal(
    reason(a, svc('c', { family: 'ipv6' })),
    'not-applied: not applied yet (no creationTimestamp), so MetalLB has not seen it; it would get fd00:: from pool "big" (poolwatch simulate shows what every new service gets)',
  );
  const event = { namespace: 'default', serviceName: 'c', message: 'Failed to allocate IP for "default/c": no available IPs', lastTimestamp: null, location: null };
  assert.equal(a.explainPending(svc('c', { family: 'ipv6' }), event).code, 'allocation-failed', 'an event says MetalLB has seen it');
});

test('every reason code is produced by a test above', () => {
  assert.deepEqual([...covered].sort(), [...REASON_CODES].sort());
});
