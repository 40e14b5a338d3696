// The incremental ledger: any sequence of service events leaves exactly what a fresh batch analysis of the final state gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, createLedger, ledgerFromSnapshot } from '../../../src/core/pipeline/analyze.ts';
import { parseAddressEntry } from '../../../src/core/address/index.ts';
import { emptySnapshot } from '../../../src/core/model/snapshot.ts';
import type { Pool, Service } from '../../../src/core/model/types.ts';
import { toJson } from '../../../src/core/report/json.ts';

const now = new Date('2026-11-21T10:00:00Z');

function pool(name: string, addresses: string[], avoidBuggyIPs = false): Pool {
  return {
    origin: 'IPAddressPool', name, namespace: 'metallb-system', labels: {},
    addresses: addresses.map((text) => ({ text, range: parseAddressEntry(text), error: null, location: null })),
    autoAssign: true, avoidBuggyIPs, serviceAllocation: null, protocol: null, creationTimestamp: null, location: null,
  };
}

function service(namespace: string, name: string, ips: string[], annotations: Record<string, string> = {}, port = 80): Service {
  return {
    namespace, name, uid: null, creationTimestamp: null, labels: {}, annotations, type: 'LoadBalancer', loadBalancerClass: null,
    clusterIPs: [], ipFamilies: [], ipFamilyPolicy: null, externalTrafficPolicy: null, selector: {},
    ports: [{ name: null, protocol: 'TCP', port }], loadBalancerIP: null, ingressIPs: ips, location: null,
  };
}

const pools = [pool('a', ['10.0.0.0/29']), pool('b', ['10.0.0.4-10.0.0.11', 'fd00::/126']), pool('c', ['10.0.1.0-10.0.1.3'], true)];
const addressPool = ['10.0.0.1', '10.0.0.5', '10.0.0.9', '10.0.1.0', '10.0.1.2', '10.9.9.9', 'fd00::1', 'fd00::2', 'FD00:0::2', 'not-an-ip'];

test('a shared address counts once; per-namespace attribution is distinct per namespace', () => {
  const ledger = createLedger();
  ledger.setPools(pools);
  ledger.upsertService(service('x', 's1', ['10.0.0.1'], { 'metallb.io/allow-shared-ip': 'k' }, 53));
  ledger.upsertService(service('y', 's2', ['10.0.0.1'], { 'metallb.io/allow-shared-ip': 'k' }, 54));
  ledger.upsertService(service('y', 's3', ['10.0.0.1', 'fd00::1'], { 'metallb.io/allow-shared-ip': 'k' }, 55));
  const a = ledger.poolByName('a')!;
  assert.equal(a.usage('ipv4')!.inUse, 1n);
  assert.equal(a.services, 3);
  assert.deepEqual(a.byNamespace.get('x'), { ipv4: 1, ipv6: 0 });
  assert.deepEqual(a.byNamespace.get('y'), { ipv4: 1, ipv6: 0 });
  assert.equal(ledger.poolByName('b')!.usage('ipv6')!.inUse, 1n, 'the IPv6 address of s3 is attributed to b');
  assert.equal(ledger.findings().filter((f) => f.code === 'address-conflict').length, 0);
  ledger.removeService('x', 's1');
  assert.equal(a.usage('ipv4')!.inUse, 1n);
  assert.equal(a.byNamespace.get('x'), undefined);
  ledger.removeService('y', 's2');
  ledger.removeService('y', 's3');
  assert.equal(a.usage('ipv4')!.inUse, 0n);
  assert.equal(a.services, 0);
  assert.equal(ledger.poolByName('b')!.usage('ipv6')!.inUse, 0n);
});

test('the annotated pool wins when overlapping pools both hold the address; avoidBuggyIPs pools never hold .0/.255', () => {
  const ledger = createLedger();
  ledger.setPools(pools);
  ledger.upsertService(service('x', 'in-b', ['10.0.0.5'], { 'metallb.io/ip-allocated-from-pool': 'b' }));
  ledger.upsertService(service('x', 'in-a', ['10.0.0.6']));
  ledger.upsertService(service('x', 'buggy', ['10.0.1.0']));
  assert.equal(ledger.service('x/in-b')!.pool!.name, 'b');
  assert.equal(ledger.service('x/in-a')!.pool!.name, 'a');
  assert.equal(ledger.service('x/buggy')!.pool, null);
  assert.ok(ledger.findings().some((f) => f.code === 'address-outside-pools' && f.message.includes('avoidBuggyIPs')));
  assert.equal(ledger.poolByName('c')!.usage('ipv4')!.total, 3n, '10.0.1.0 is dropped from c');
});

test('any sequence of upserts and removals equals a fresh analysis of the final services', () => {
  const event = fc.record({
    remove: fc.boolean(),
    ns: fc.constantFrom('n1', 'n2'),
    name: fc.constantFrom('s1', 's2', 's3', 's4', 's5'),
    ips: fc.uniqueArray(fc.constantFrom(...addressPool), { maxLength: 2 }),
    share: fc.constantFrom(null, 'k1', 'k2'),
    annotatedPool: fc.constantFrom(null, 'a', 'b', 'gone'),
    port: fc.constantFrom(80, 443),
  });
  fc.assert(
    fc.property(fc.array(event, { maxLength: 40 }), fc.boolean(), (events, poolsLate) => {
      const ledger = createLedger();
      if (!poolsLate) ledger.setPools(pools);
      const final = new Map<string, Service>();
      for (const e of events) {
        if (e.remove) {
          ledger.removeService(e.ns, e.name);
          final.delete(`${e.ns}/${e.name}`);
          continue;
        }
        const annotations: Record<string, string> = {};
        if (e.share) annotations['metallb.io/allow-shared-ip'] = e.share;
        if (e.annotatedPool) annotations['metallb.io/ip-allocated-from-pool'] = e.annotatedPool;
        const svc = service(e.ns, e.name, e.ips, annotations, e.port);
        ledger.upsertService(svc);
        final.delete(`${e.ns}/${e.name}`);
        final.set(`${e.ns}/${e.name}`, svc);
      }
      // Pools set after the services must re-attribute them all.
      if (poolsLate) ledger.setPools(pools);
      const snapshot = { ...emptySnapshot(), pools, services: [...final.values()] };
      const fresh = toJson(analyze(snapshot, { now }));
      const live = toJson(ledger.report(now));
      const byKey = <T extends { namespace: string; name: string }>(xs: T[]) => [...xs].sort((p, q) => (`${p.namespace}/${p.name}` < `${q.namespace}/${q.name}` ? -1 : 1));
      assert.deepEqual(live.pools, fresh.pools);
      assert.deepEqual(byKey(live.services), byKey(fresh.services));
      assert.deepEqual(live.findings, fresh.findings);
      assert.deepEqual(live.summary, fresh.summary);
    }),
    { numRuns: 300 },
  );
});

test('pending services take MetalLB event text, and an injected explainer wins over it', () => {
  const snapshot = { ...emptySnapshot(), pools, services: [service('x', 'p1', []), service('x', 'p2', []), service('x', 'p3', [])] };
  snapshot.events.push({ namespace: 'x', serviceName: 'p1', message: 'Failed to allocate IP for "x/p1": no available IPs', lastTimestamp: null, location: null });
  snapshot.events.push({ namespace: 'x', serviceName: 'p2', message: 'Failed to allocate IP for "x/p2": no available IPs', lastTimestamp: null, location: null });
  const report = analyze(snapshot, {
    now,
    explainPending: (pending, state) => {
      assert.equal(pending.length, 3);
      assert.equal(state.pools.length, 3);
      return new Map([['x/p2', { reason: { code: 'pool-exhausted' as const, message: 'pool "a" has no free IPv4 address (8/8)' }, pool: 'a' }]]);
    },
  });
  const reasons = Object.fromEntries(report.services.map((s) => [s.name, s.reason]));
  assert.deepEqual(reasons['p1'], { code: 'allocation-failed', message: 'Failed to allocate IP for "x/p1": no available IPs' });
  assert.deepEqual(reasons['p2'], { code: 'pool-exhausted', message: 'pool "a" has no free IPv4 address (8/8)' });
  assert.equal(reasons['p3'], null);
});

test('utilization thresholds are configurable and exactly one level is reported per pool family', () => {
  const services = ['10.0.0.0', '10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6'].map((ip, i) => service('x', `s${i}`, [ip]));
  const snapshot = { ...emptySnapshot(), pools: [pools[0]!], services };
  const codes = (o: { utilizationHighPercent?: number; nearlyExhaustedPercent?: number }) =>
    ledgerFromSnapshot(snapshot, o).findings().filter((f) => f.code.startsWith('pool-') && f.code !== 'pool-not-advertised').map((f) => f.code);
  assert.deepEqual(codes({}), ['pool-utilization-high'], '7/8 = 87.5%');
  assert.deepEqual(codes({ nearlyExhaustedPercent: 87.5 }), ['pool-nearly-exhausted']);
  assert.deepEqual(codes({ utilizationHighPercent: 90 }), []);
  const full = { ...snapshot, services: [...services, service('x', 's7', ['10.0.0.7'])] };
  assert.deepEqual(ledgerFromSnapshot(full).findings().filter((f) => f.code === 'pool-exhausted').length, 1);
});

test('a batch load, then any events, equals upserting every service one at a time; services come sorted by their key text', () => {
  const svc = fc.record({
    // "a" begins "a-b" and "ab": the key text "a-b/..." sorts before "a/..." which sorts before "ab/...".
    ns: fc.constantFrom('a', 'a-b', 'ab', 'n1'),
    name: fc.constantFrom('s1', 's2', 's10', 'x'),
    ips: fc.uniqueArray(fc.constantFrom(...addressPool), { maxLength: 2 }),
    share: fc.constantFrom(null, 'k1', 'k2'),
    annotatedPool: fc.constantFrom(null, 'a', 'b', 'gone'),
    legacy: fc.boolean(),
    requested: fc.constantFrom(null, '10.0.0.1', '10.0.0.1, bad'),
    port: fc.constantFrom(80, 443),
    // A batch keeps plain services (handled, one canonical IPv4 address in a pool, nothing to note) as columns: these vary what makes one plain.
    type: fc.constantFrom('LoadBalancer', 'LoadBalancer', 'ClusterIP'),
    loadBalancerIP: fc.constantFrom(null, null, '10.0.0.1'),
    padded: fc.boolean(),
  });
  type Entry = { ns: string; name: string; ips: string[]; share: string | null; annotatedPool: string | null; legacy: boolean; requested: string | null; port: number; type: string; loadBalancerIP: string | null; padded: boolean };
  const toService = (e: Entry): Service => {
    const prefix = e.legacy ? 'metallb.universe.tf/' : 'metallb.io/';
    const annotations: Record<string, string> = {};
    if (e.share) annotations[`${prefix}allow-shared-ip`] = e.share;
    if (e.annotatedPool) annotations[`${prefix}ip-allocated-from-pool`] = e.annotatedPool;
    if (e.requested) annotations[`${prefix}loadBalancerIPs`] = e.requested;
    const ips = e.padded ? e.ips.map((ip) => ` ${ip}`) : e.ips;
    return { ...service(e.ns, e.name, ips, annotations, e.port), type: e.type, loadBalancerIP: e.loadBalancerIP };
  };
  const event = fc.record({ remove: fc.boolean(), svc });
  fc.assert(
    fc.property(fc.array(svc, { maxLength: 30 }), fc.array(event, { maxLength: 10 }), fc.boolean(), (initial, events, poolsLate) => {
      const batch = createLedger();
      const single = createLedger();
      if (!poolsLate) {
        batch.setPools(pools);
        single.setPools(pools);
      }
      batch.loadServices(initial.map(toService));
      for (const e of initial) single.upsertService(toService(e));
      if (poolsLate) {
        batch.setPools(pools);
        single.setPools(pools);
      }
      const check = (): void => {
        const got = toJson(batch.report(now));
        const want = toJson(single.report(now));
        assert.deepEqual(got, want);
        const keys = got.services.map((s) => `${s.namespace}/${s.name}`);
        assert.deepEqual(keys, [...keys].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0)));
        assert.equal(new Set(keys).size, keys.length, 'a key given twice is kept once');
      };
      check();
      for (const e of events) {
        for (const l of [batch, single]) {
          if (e.remove) l.removeService(e.svc.ns, e.svc.name);
          else l.upsertService(toService(e.svc));
        }
      }
      check();
    }),
    { numRuns: 300 },
  );
});
