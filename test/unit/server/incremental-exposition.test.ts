// Report entries and their metrics text are kept per service across changes: after every step of a random sequence of changes, the report and /metrics equal a fresh build from the same objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJson } from '../../../src/core/report/json.ts';
import type { ScrapeContext } from '../../../src/core/metrics/family.ts';
import type { Report } from '../../../src/core/report/types.ts';
import { MetricsExporter } from '../../../src/server/metrics/exporter.ts';
import { ClusterStore, type RawObject } from '../../../src/sources/cluster-store.ts';

const AT = new Date('2026-12-01T00:00:00Z');
const NS = 'metallb-system';

/** A small deterministic generator (mulberry32), so a failing step can be replayed. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const pool = (name: string, addresses: string[]): RawObject => ({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { namespace: NS, name }, spec: { addresses } });
const l2 = (): RawObject => ({ apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { namespace: NS, name: 'all' }, spec: {} });
const service = (namespace: string, name: string, ips: string[], pool: string | null): RawObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace, name, ...(pool ? { annotations: { 'metallb.io/address-pool': pool } } : {}) },
  spec: { type: 'LoadBalancer', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], ports: [{ port: 80, protocol: 'TCP' }] },
  status: { loadBalancer: { ingress: ips.map((ip) => ({ ip })) } },
});
const l2Status = (namespace: string, name: string, node: string): RawObject => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'ServiceL2Status',
  metadata: { namespace: NS, name: `l2-${namespace}-${name}` },
  status: { node, serviceName: name, serviceNamespace: namespace, interfaces: [{ name: 'eth0' }] },
});
const allocationFailed = (namespace: string, name: string, message: string): RawObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { namespace, name: `${name}.af` },
  reason: 'AllocationFailed',
  message,
  involvedObject: { kind: 'Service', name, namespace },
});

/** The same scrape context around any report, so two exporters' texts differ only by what the reports give. */
const scrape = (report: Report): ScrapeContext => ({
  report,
  health: { source: 'kube', up: true, ready: true, lastSyncMs: 1_763_719_200_000, restarts: {}, notes: [] },
  counters: { eventsApplied: new Map(), allocationFailures: new Map() },
  build: { version: '0.1.0', nodeVersion: 'v20.0.0' },
});
const exporter = () => new MetricsExporter({ compat: true, serviceMetrics: true, processMetrics: false });

test('after every step of random changes, the kept report entries and their text equal a fresh build', async () => {
  const next = random(16);
  const store = new ClusterStore();
  // Blocks of 4 of the 12 services: steps change, add and remove entries inside a block, across blocks and at the end.
  const metrics = new MetricsExporter({ compat: true, serviceMetrics: true, processMetrics: false, blockSize: 4 });
  const objects = new Map<string, RawObject>();
  const put = (o: RawObject) => (objects.set(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`, o), store.upsert(o));
  const drop = (o: RawObject) => (objects.delete(`${o.kind}/${o.metadata.namespace}/${o.metadata.name}`), store.remove(o));
  const names = Array.from({ length: 12 }, (_, i) => ({ namespace: ['shop', 'web', 'a'][i % 3]!, name: `s${i}` }));
  // Small pools, so pending services come and go and their reasons (pool exhausted or not) change with others.
  const layouts = [['192.168.1.0/30'], ['192.168.1.0/29'], ['192.168.1.2/31', '192.168.2.0/30'], ['192.168.2.0/29']];
  const ipOf = () => (next(5) === 0 ? [] : next(6) === 0 ? ['192.168.1.1', '192.168.2.1'] : [`192.168.${1 + next(2)}.${next(8)}`]);
  let previous: Report | null = null;
  let kept = 0;
  put(pool('a', layouts[0]!));
  put(pool('b', ['192.168.3.0/30']));
  for (let step = 0; step < 400; step++) {
    const s = names[next(names.length)]!;
    const pick = next(20);
    let what: string;
    if (pick < 9) {
      const ips = ipOf();
      put(service(s.namespace, s.name, ips, next(4) === 0 ? 'b' : null));
      what = `service ${s.namespace}/${s.name} on [${ips.join(',')}]`;
      // Now and then changed twice between two reports: the first record is replaced before it was read.
      if (next(4) === 0) {
        const again = ipOf();
        put(service(s.namespace, s.name, again, null));
        what += `, then on [${again.join(',')}]`;
      }
    } else if (pick < 12) {
      drop(service(s.namespace, s.name, [], null));
      what = `service ${s.namespace}/${s.name} gone`;
    } else if (pick < 14) {
      const layout = layouts[next(layouts.length)]!;
      put(pool('a', layout));
      what = `pool a on ${layout.join(',')}`;
    } else if (pick < 15) {
      if (next(2) === 0) put(l2());
      else drop(l2());
      what = 'L2Advertisement';
    } else if (pick < 18) {
      const status = l2Status(s.namespace, s.name, `node-${next(3)}`);
      if (next(3) === 0) drop(status);
      else put(status);
      what = `ServiceL2Status of ${s.namespace}/${s.name}`;
    } else {
      const event = allocationFailed(s.namespace, s.name, `no available IPs (${next(3)})`);
      if (next(3) === 0) drop(event);
      else put(event);
      what = `AllocationFailed of ${s.namespace}/${s.name}`;
    }
    const report = store.report(AT);
    const fresh = new ClusterStore();
    for (const o of objects.values()) fresh.upsert(structuredClone(o));
    const truth = fresh.report(AT);
    const where = `step ${step}: ${what}`;
    assert.deepEqual(toJson(report), toJson(truth), where);
    assert.equal(await metrics.render(scrape(report)), await exporter().render(scrape(truth)), where);
    if (previous) kept += report.services.filter((e) => previous!.services.includes(e)).length;
    previous = report;
  }
  // The sequence must exercise what is kept: most entries outlive a step.
  assert.ok(kept > 1000, `entries kept across reports: ${kept}`);
});

test('a change to one service gives a new entry for it alone; the key order survives replacements', () => {
  const store = new ClusterStore();
  store.upsert(pool('a', ['192.168.1.0/24']));
  for (let i = 0; i < 5; i++) store.upsert(service('shop', `s${i}`, [`192.168.1.${i}`], null));
  const before = store.report(AT);
  store.upsert(service('shop', 's2', ['192.168.1.20'], null));
  const after = store.report(AT);
  assert.deepEqual(after.services.map((e) => e.name), ['s0', 's1', 's2', 's3', 's4']);
  assert.deepEqual(after.services.map((e, i) => e === before.services[i]), [true, true, false, true, true]);
  assert.deepEqual(after.services[2]!.ips, ['192.168.1.20']);
  // A pool change that renames where a service lives gives a new entry, though its record is the same.
  store.upsert(pool('a', ['192.168.1.0/30']));
  const shrunk = store.report(AT);
  assert.deepEqual(shrunk.services.map((e) => e.pool), ['a', 'a', null, 'a', null]);
  assert.notEqual(shrunk.services[4], after.services[4]);
});

test('entries that come together from different blocks of the last scrape keep their own lines', async () => {
  // Blocks of 4: [s0 s1 s2 s3] [s4 s5 s6 s7]. Without s1, s2, s3 and s4, s0 (place 0 of the first block) and
  // s5 (place 1 of the second) meet in one block: consecutive places, but not one run of bytes.
  const store = new ClusterStore();
  const metrics = new MetricsExporter({ compat: true, serviceMetrics: true, processMetrics: false, blockSize: 4 });
  store.upsert(pool('a', ['192.168.1.0/24']));
  for (let i = 0; i < 8; i++) store.upsert(service('shop', `s${i}`, [`192.168.1.${i}`], null));
  await metrics.render(scrape(store.report(AT)));
  for (const i of [1, 2, 3, 4]) store.remove(service('shop', `s${i}`, [], null));
  const report = store.report(AT);
  assert.deepEqual(report.services.map((e) => e.name), ['s0', 's5', 's6', 's7']);
  const text = await metrics.render(scrape(report));
  assert.equal(text, await exporter().render(scrape(report)));
  assert.match(text, /^poolwatch_service_address_info\{namespace="shop",service="s5",pool="a",ip="192\.168\.1\.5"\} 1$/m);
});
