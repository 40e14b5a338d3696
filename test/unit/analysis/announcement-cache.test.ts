// The ledger keeps each service's announcement until that service, its pool, the advertisements or MetalLB's status objects change: every step equals a fresh build of the same objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJson } from '../../../src/core/report/json.ts';
import { ClusterStore, type RawObject } from '../../../src/sources/cluster-store.ts';

const AT = new Date('2026-12-01T00:00:00Z');
const pool = (addresses: string[]): RawObject => ({ apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { namespace: 'metallb-system', name: 'web' }, spec: { addresses } });
const l2 = (): RawObject => ({ apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: { namespace: 'metallb-system', name: 'all' }, spec: {} });
const svc = (name: string, ip: string): RawObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace: 'shop', name },
  spec: { type: 'LoadBalancer', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], ports: [{ port: 80, protocol: 'TCP' }] },
  status: { loadBalancer: { ingress: [{ ip }] } },
});
const status = (service: string, node: string): RawObject => ({
  apiVersion: 'metallb.io/v1beta1',
  kind: 'ServiceL2Status',
  metadata: { namespace: 'metallb-system', name: `l2-${service}` },
  status: { node, serviceName: service, serviceNamespace: 'shop', interfaces: [{ name: 'eth0' }] },
});

test('announcements follow every change that decides them, and only those', () => {
  const store = new ClusterStore();
  const objects = new Map<string, RawObject>();
  const put = (o: RawObject) => (objects.set(`${o.kind}/${o.metadata.name}`, o), store.upsert(o));
  const drop = (o: RawObject) => (objects.delete(`${o.kind}/${o.metadata.name}`), store.remove(o));
  const check = (step: string) => {
    const fresh = new ClusterStore();
    for (const o of objects.values()) fresh.upsert(structuredClone(o));
    assert.deepEqual(toJson(store.report(AT)), toJson(fresh.report(AT)), step);
  };
  put(pool(['192.168.10.0/24']));
  put(svc('web', '192.168.10.1'));
  put(svc('api', '192.168.10.2'));
  assert.equal(store.report(AT).services[1]!.announcement?.state, 'not-announced');
  check('no advertisement');
  put(l2());
  assert.notEqual(store.report(AT).services[1]!.announcement?.state, 'not-announced');
  check('an L2Advertisement');
  put(svc('api', '192.168.10.3'));
  check('another service moved');
  put(status('web', 'node-a'));
  assert.deepEqual(store.report(AT).services.find((s) => s.name === 'web')!.announcement?.nodes, ['node-a']);
  check('a status object');
  drop(svc('api', '192.168.10.3'));
  check('a service gone');
  put(pool(['192.168.20.0/24']));
  check('the pool no longer holds the addresses');
  drop(l2());
  check('the advertisement gone');
});
