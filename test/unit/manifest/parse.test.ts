// Manifest text to located objects and decoded model objects: YAML and JSON, lists, positions, API objects without positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestText } from '../../../src/core/manifest/parse.ts';
import { snapshotFromTexts } from '../../../src/core/manifest/snapshot.ts';
import { decodeObject } from '../../../src/core/model/kinds/decode-object.ts';

test('JSON: objects and fields are located by line and column', () => {
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'A' }, { kind: 'B', spec: { addresses: ['x', 'y"z', 'w'] } }] }, null, 2);
  const { objects, problems } = parseManifestText(text, 'f.json');
  assert.deepEqual(problems, []);
  assert.equal(objects.length, 2);
  const lines = text.split('\n');
  const where = (loc: { line: number; col: number } | null) => lines[loc!.line - 1]!.slice(loc!.col - 1);
  assert.equal(where(objects[1]!.locate([])), '{');
  assert.equal(where(objects[1]!.locate(['spec', 'addresses', 2])), '"w"');
  assert.equal(where(objects[1]!.locate(['spec', 'missing'])), '{', 'a missing field points at its closest parent');
});

test('YAML: a syntax error in one document leaves the others readable', () => {
  const text = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\nkey: [1,\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n';
  const snapshot = snapshotFromTexts([{ file: 'x.yaml', text }]);
  assert.deepEqual(snapshot.namespaces.map((n) => n.name), ['a', 'b']);
  assert.equal(snapshot.problems.length, 1);
  assert.equal(snapshot.problems[0]!.location!.file, 'x.yaml');
});

test('typed API lists lend their kind to items that lack one', () => {
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'ServiceList', items: [{ metadata: { name: 's', namespace: 'n' }, spec: { type: 'LoadBalancer' } }] });
  const snapshot = snapshotFromTexts([{ file: 'svc.json', text }]);
  assert.deepEqual(snapshot.services.map((s) => `${s.namespace}/${s.name}`), ['n/s']);
});

test('decodeObject works on API objects without a locator', () => {
  const raw = { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'p', namespace: 'metallb-system', labels: { z: '1' } }, spec: { addresses: ['10.0.0.0/30', 'nonsense'], serviceAllocation: { priority: 5, namespaces: ['a'] } } };
  const { objects, problems } = decodeObject(raw);
  assert.deepEqual(problems, []);
  assert.equal(objects.length, 1);
  const pool = objects[0]!;
  assert.equal(pool.slot, 'pools');
  if (pool.slot !== 'pools') return;
  assert.equal(pool.value.location, null);
  assert.equal(pool.value.addresses[0]!.range!.end - pool.value.addresses[0]!.range!.start, 3n);
  assert.match(pool.value.addresses[1]!.error!, /invalid address "nonsense"/);
  assert.equal(pool.value.serviceAllocation!.priority, 5);
  const wrong = decodeObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: 'eighty' } });
  assert.deepEqual(wrong.objects, []);
  assert.equal(wrong.problems[0]!.message, 'spec.ports must be a list, not the string "eighty"');
  assert.equal(wrong.problems[0]!.location, null);
  assert.deepEqual(decodeObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }), { objects: [], problems: [] }, 'unknown kinds are skipped');
});

test('the legacy ConfigMap yields one pool per address-pools entry', () => {
  const raw = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config', namespace: 'metallb-system' }, data: { config: 'address-pools:\n- name: x\n  protocol: layer2\n  addresses: [10.1.0.0/30]\n  avoid-buggy-ips: true\n- name: y\n  protocol: bgp\n  auto-assign: false\n  addresses: ["fd00::/120"]\n' } };
  const { objects } = decodeObject(raw);
  const pools = objects.flatMap((o) => (o.slot === 'pools' ? [o.value] : []));
  assert.deepEqual(pools.map((p) => [p.name, p.origin, p.protocol, p.autoAssign, p.avoidBuggyIPs]), [['x', 'ConfigMap', 'layer2', true, true], ['y', 'ConfigMap', 'bgp', false, false]]);
});

test('AllocationFailed events from core/v1 and events.k8s.io/v1 are kept; other events are skipped', () => {
  const core = decodeObject({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'n' }, reason: 'AllocationFailed', message: 'Failed to allocate IP for "n/s": no available IPs', involvedObject: { kind: 'Service', name: 's', namespace: 'n' } });
  assert.equal(core.objects[0]?.slot, 'events');
  const modern = decodeObject({ apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e', namespace: 'n' }, reason: 'AllocationFailed', note: 'nope', regarding: { kind: 'Service', name: 's', namespace: 'n' } });
  assert.equal(modern.objects[0]?.slot === 'events' && modern.objects[0].value.message, 'nope');
  assert.deepEqual(decodeObject({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, reason: 'IPAllocated', involvedObject: { kind: 'Service', name: 's' } }).objects, []);
});

test('every wrong field of a Service is reported once, named by its path and located where it was written', () => {
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 7, labels: { ok: 'yes', bad: true, gone: null }, annotations: 'none', uid: 3 },
    spec: { type: 5, clusterIPs: ['10.0.0.1', 4, null], ipFamilies: ['IPv4', 'IPv5'], ipFamilyPolicy: 'Sometimes', selector: { app: ['x'] }, ports: [{ port: '80', name: 2, protocol: 6 }, 'not a port', { port: 1.5 }], loadBalancerIP: false },
    status: { loadBalancer: { ingress: [{ ip: 9 }, 'x', { hostname: 'h' }] } },
  };
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }, service] }, null, 2);
  const snapshot = snapshotFromTexts([{ file: 'bad.json', text }]);
  assert.deepEqual(snapshot.services, [], 'a Service with a wrong field is left out');
  assert.deepEqual(snapshot.namespaces.map((n) => n.name), ['n'], 'its valid neighbour is kept');
  const lines = text.split('\n');
  const shown = snapshot.problems.map((p) => `${p.object} ${p.message} @ ${lines[p.location!.line - 1]!.slice(p.location!.col - 1).trim()}`);
  assert.deepEqual(shown, [
    'Service metadata.name is required @ {',
    'Service metadata.namespace must be a string, not number 7 @ 7,',
    'Service metadata.labels.bad must be a string, not boolean true @ true,',
    'Service metadata.annotations must be a mapping, not the string "none" @ "none",',
    'Service metadata.uid must be a string, not number 3 @ 3',
    'Service spec.type must be a string, not number 5 @ 5,',
    'Service spec.clusterIPs[1] must be a string, not number 4 @ 4,',
    'Service spec.ipFamilies[1] must be IPv4 or IPv6, not "IPv5" @ "IPv5"',
    'Service spec.ipFamilyPolicy must be SingleStack, PreferDualStack or RequireDualStack, not "Sometimes" @ "Sometimes",',
    'Service spec.selector.app must be a string, not a list @ [',
    'Service spec.ports[0].port must be a whole number, not the string "80" @ "80",',
    'Service spec.ports[0].name must be a string, not number 2 @ 2,',
    'Service spec.ports[0].protocol must be a string, not number 6 @ 6',
    'Service spec.ports[2].port must be a whole number, not number 1.5 @ 1.5',
    'Service spec.loadBalancerIP must be a string, not boolean false @ false',
    'Service status.loadBalancer.ingress[0].ip must be a string, not number 9 @ 9',
  ]);
});

test('an ipFamilies entry named like an object member (toString, constructor) is no family: a problem, not a family', () => {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'n' }, spec: { type: 'LoadBalancer', ipFamilies: ['toString', 'constructor'] } };
  const snapshot = snapshotFromTexts([{ file: 'families.json', text: JSON.stringify(service, null, 2) }]);
  assert.deepEqual(snapshot.services, []);
  assert.deepEqual(
    snapshot.problems.map((p) => p.message),
    ['spec.ipFamilies[0] must be IPv4 or IPv6, not "toString"', 'spec.ipFamilies[1] must be IPv4 or IPv6, not "constructor"'],
  );
});

test('CR-only line ends (old Mac) are line ends: the same objects and locations as with LF', () => {
  const lf = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  labels: 7\n';
  for (const [what, text] of [['YAML', lf], ['JSON', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b', labels: 7 } }] }, null, 2)]] as const) {
    const want = snapshotFromTexts([{ file: 'f', text }]);
    const got = snapshotFromTexts([{ file: 'f', text: text.replaceAll('\n', '\r') }]);
    assert.deepEqual(got.namespaces.map((n) => n.name), ['a'], what);
    assert.deepEqual(got, want, what);
  }
});

test('a YAML alias bomb is one located problem, not a hang or an out-of-memory abort', () => {
  let text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n  labels:\n    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  let prev = 'a';
  for (const n of 'bcdefghi') {
    text += `    ${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
    prev = n;
  }
  const snapshot = snapshotFromTexts([{ file: 'bomb.yaml', text: `${text}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n` }]);
  assert.deepEqual(snapshot.namespaces.map((n) => n.name), ['ok']);
  assert.deepEqual(snapshot.problems.map((p) => [p.message, p.location?.line]), [['YAML: Excessive alias count indicates a resource exhaustion attack', 1]]);
});

test('a file with more than 1,000 problems lists the first 1,000 and counts the rest', () => {
  const text = `{"apiVersion":"v1","kind":"List","items":[${'0,'.repeat(1499)}0,{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"kept"}}]}`;
  const snapshot = snapshotFromTexts([{ file: 'many.json', text }]);
  assert.deepEqual(snapshot.namespaces.map((n) => n.name), ['kept'], 'the valid item is still read');
  assert.equal(snapshot.problems.length, 1001);
  assert.equal(snapshot.problems[999]!.message, 'items[999] of the List is not an object');
  assert.equal(snapshot.problems[1000]!.message, '500 more problems in this file are not listed (the first 1000 are)');
  assert.deepEqual(snapshot.problems[1000]!.location, { file: 'many.json', line: 1, col: text.indexOf('[') + 2 + 2 * 1000 });
});
