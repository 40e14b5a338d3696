// A service event that changes no field of the model keeps the ledger's record as it is; one that changes any field, however deep, replaces it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeObject } from '../../../src/core/model/kinds/decode-object.ts';
import { sameService } from '../../../src/core/model/same-service.ts';
import { serviceKey, type Service } from '../../../src/core/model/types.ts';
import { parseAddressEntry } from '../../../src/core/address/index.ts';
import { createLedger } from '../../../src/core/pipeline/analyze.ts';
import { ClusterStore, type RawObject } from '../../../src/sources/cluster-store.ts';

/** A Service with every field of the model set (no empty list or map), as the decoder makes it. */
const raw: RawObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    namespace: 'shop',
    name: 'web',
    uid: 'u-1',
    creationTimestamp: '2026-11-21T10:00:00Z',
    labels: { app: 'web', tier: 'front' },
    annotations: { 'metallb.io/ip-allocated-from-pool': 'a', 'metallb.io/allow-shared-ip': 'k' },
  },
  spec: {
    type: 'LoadBalancer',
    loadBalancerClass: 'metallb',
    loadBalancerIP: '10.0.0.1',
    clusterIPs: ['10.96.0.1', 'fd00:96::1'],
    ipFamilies: ['IPv4', 'IPv6'],
    ipFamilyPolicy: 'PreferDualStack',
    externalTrafficPolicy: 'Local',
    selector: { app: 'web', tier: 'front' },
    ports: [
      { name: 'https', protocol: 'TCP', port: 443 },
      { name: 'dns', protocol: 'UDP', port: 53 },
    ],
  },
  status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] } },
};

function decoded(): Service {
  const { objects, problems } = decodeObject(structuredClone(raw), () => ({ file: 'svc.yaml', line: 3, col: 1 }));
  assert.deepEqual(problems, []);
  return objects[0]!.value as Service;
}

/** The model's fields holding maps of strings: keys are data there (added and removed), elsewhere an object's keys are fixed. */
const MAPS = new Set(['labels', 'annotations', 'selector']);

/** Every way of changing a value a little: each string, number and entry in turn, list entries and map keys added and removed. */
function variantsOf(v: unknown, isMap = false): unknown[] {
  if (v === null) return ['x'];
  if (typeof v === 'string') return [`${v}x`];
  if (typeof v === 'number') return [v + 1];
  if (Array.isArray(v)) {
    const changedEntries = v.flatMap((entry, i) => variantsOf(entry).map((w) => v.map((x, j) => (j === i ? w : x))));
    return [[...v, v[0]], v.slice(1), [...v].reverse(), ...changedEntries];
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const changedValues = Object.keys(o).flatMap((k) => variantsOf(o[k]).map((w) => ({ ...o, [k]: w })));
    if (!isMap) return changedValues;
    const removed = Object.keys(o).map((k) => Object.fromEntries(Object.entries(o).filter(([j]) => j !== k)));
    return [{ ...o, extra: 'x' }, ...removed, ...changedValues];
  }
  throw new Error(`no variant of ${typeof v}`);
}

/** The service with one field changed, for every field of the model and every variant of it. */
function changedServices(): Array<{ field: string; service: Service }> {
  const base = decoded();
  const fields = Object.keys(base) as Array<keyof Service>;
  // The fixture must give every field a value, or a field's changes would go untested.
  for (const f of fields) assert.ok(base[f] !== null && !(Array.isArray(base[f]) && (base[f] as unknown[]).length === 0), `the fixture leaves ${f} empty`);
  return fields.flatMap((field) => variantsOf(base[field], MAPS.has(field)).map((value) => ({ field, service: { ...decoded(), [field]: value } as Service })));
}

test('sameService: equal in every field, or not', () => {
  assert.equal(sameService(decoded(), decoded()), true);
  const changed = changedServices();
  assert.deepEqual(new Set(changed.map((c) => c.field)), new Set(Object.keys(decoded())), 'every field is changed');
  for (const { field, service } of changed) {
    assert.equal(sameService(decoded(), service), false, `${field}: ${JSON.stringify(service[field as keyof Service])}`);
    assert.equal(sameService(service, decoded()), false, `${field} (other way): ${JSON.stringify(service[field as keyof Service])}`);
  }
});

const pool = {
  origin: 'IPAddressPool' as const, name: 'a', namespace: 'metallb-system', labels: {},
  addresses: ['10.0.0.0/24', 'fd00::/120'].map((text) => ({ text, range: parseAddressEntry(text), error: null, location: null })),
  autoAssign: true, avoidBuggyIPs: false, serviceAllocation: null, protocol: null, creationTimestamp: null, location: null,
};

test('the ledger keeps the record of a service upserted unchanged, and replaces it on any change', () => {
  for (const { field, service } of changedServices()) {
    const ledger = createLedger({ loadBalancerClass: 'metallb' });
    ledger.setPools([pool]);
    ledger.upsertService(decoded());
    const key = serviceKey(decoded());
    const kept = ledger.service(key)!;
    const version = ledger.version;
    const report = ledger.report(new Date(0));

    ledger.upsertService(decoded());
    assert.equal(ledger.service(key), kept, 'an equal service keeps its record');
    assert.equal(ledger.version, version, 'and changes nothing');

    ledger.upsertService(service);
    const where = `${field}: ${JSON.stringify(service[field as keyof Service])}`;
    assert.ok(ledger.version > version, where);
    assert.deepEqual(ledger.service(serviceKey(service))!.service, service, where);
    assert.notEqual(ledger.report(new Date(0)), report, where);
  }
});

test('the live store counts an unchanged service event as applied, and its report stays the same', () => {
  const store = new ClusterStore();
  store.upsert({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { namespace: 'metallb-system', name: 'a' }, spec: { addresses: ['10.0.0.0/24'] } });
  const event = (resourceVersion: string, ip: string): RawObject => {
    const o = structuredClone(raw);
    o.metadata['resourceVersion'] = resourceVersion;
    delete (o['spec'] as { loadBalancerClass?: string }).loadBalancerClass; // a service the default MetalLB handles
    (o['status'] as { loadBalancer: { ingress: Array<{ ip: string }> } }).loadBalancer.ingress = [{ ip }];
    return o;
  };
  store.upsert(event('1', '10.0.0.1'));
  const first = store.report();
  store.upsert(event('2', '10.0.0.1'));
  assert.equal(store.eventsApplied.get('Service'), 2);
  assert.equal(store.report(), first);
  store.upsert(event('3', '10.0.0.2'));
  assert.equal(store.eventsApplied.get('Service'), 3);
  assert.deepEqual(store.report().services.map((s) => s.ips), [['10.0.0.2']]);
});
