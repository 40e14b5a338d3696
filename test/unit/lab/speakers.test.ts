// The lab's speakers: one layer-2 owner per address that follows a node away and back, a BGP peer down for a while,
// a rejected configuration, all deterministic; and what poolwatch makes of it through the live store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advertisementObject, BGP_POOL, EPISODE_CYCLE_SECONDS, EPISODES, LAB_NODES, LabCluster, labAdvertisements, ONE_NODE_VLAN, type KubeObject } from '../../../src/core/lab/index.ts';
import { decodeObject } from '../../../src/core/model/kinds/decode-object.ts';
import { LabSource } from '../../../src/sources/lab.ts';

const start = 1_800_000_000;
const HOUR = 3600;

type Status = KubeObject & { status: Record<string, unknown> };
const ofKind = (lab: LabCluster, kind: string) => lab.speakerState().filter((o): o is Status => o.kind === kind);

/** Each allocated service's layer-2 owner (by namespace/name), or its BGP nodes. */
function owners(lab: LabCluster, kind: 'ServiceL2Status' | 'ServiceBGPStatus'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of ofKind(lab, kind)) {
    const key = `${s.status['serviceNamespace']}/${s.status['serviceName']}`;
    out.set(key, [...(out.get(key) ?? []), s.status['node'] as string].sort());
  }
  return out;
}

test('every layer-2 address has one owner, BGP services every node; a node away hands its addresses over and takes some back', () => {
  const lab = new LabCluster({ start, seed: 3 });
  lab.advanceTo(start + 6 * HOUR + 50 * 60);
  const allocated = lab.snapshot().services.filter((s) => s.ingressIPs.length > 0);
  const isBgp = (ip: string) => ip.startsWith('192.168.30.');
  const l2 = owners(lab, 'ServiceL2Status');
  const bgp = owners(lab, 'ServiceBGPStatus');
  assert.equal(l2.size + bgp.size, allocated.length, 'every allocated service is announced');
  for (const s of allocated) {
    const key = `${s.namespace}/${s.name}`;
    if (isBgp(s.ingressIPs[0]!)) assert.deepEqual(bgp.get(key), LAB_NODES, key);
    else assert.equal(l2.get(key)?.length, 1, key);
  }
  const away = EPISODES.nodeAway.node;
  const ownedByAway = [...l2].filter(([, nodes]) => nodes[0] === away).map(([k]) => k);
  assert.ok(ownedByAway.length > 5, `node ${away} owns some addresses (${ownedByAway.length})`);
  assert.ok(new Set([...l2.values()].map((n) => n[0])).size === LAB_NODES.length, 'owners spread over the nodes');

  lab.drainChanges();
  lab.advanceTo(start + EPISODES.nodeAway.from + 60);
  const changes = lab.drainChanges();
  assert.ok(changes.some((c) => c.kind === 'Object' && c.type === 'delete' && c.object.kind === 'Node' && c.object.metadata.name === away), 'the Node goes away');
  const during = owners(lab, 'ServiceL2Status');
  for (const key of ownedByAway) if (during.has(key)) assert.notEqual(during.get(key)![0], away, key);
  assert.ok([...during.values()].every((n) => n[0] !== away), 'no address stays with the node that went away');
  assert.ok([...owners(lab, 'ServiceBGPStatus').values()].every((n) => !n.includes(away)));
  assert.equal(ofKind(lab, 'ConfigurationState').length, LAB_NODES.length, 'the controller and the three speakers left');

  lab.advanceTo(start + EPISODES.nodeAway.to + 60);
  const back = owners(lab, 'ServiceL2Status');
  assert.ok([...back.values()].some((n) => n[0] === away), 'the node that came back owns addresses again');
  assert.ok(ofKind(lab, 'Node').some((n) => n.metadata.name === away));
});

test('a BGP peer goes down for a while, and the configuration is rejected for a while, every cycle', () => {
  const lab = new LabCluster({ start, seed: 1 });
  const sessions = (peer: string) => ofKind(lab, 'BGPSessionState').filter((s) => s.metadata.name.endsWith(peer)).map((s) => s.status['bgpStatus']);
  const results = () => [...new Set(ofKind(lab, 'ConfigurationState').filter((c) => c.metadata.name !== 'controller').map((c) => c.status['result']))];
  const { peer } = EPISODES.peerDown;
  for (const cycle of [0, EPISODE_CYCLE_SECONDS]) {
    lab.advanceTo(start + cycle + EPISODES.peerDown.from - 60);
    assert.deepEqual([...new Set(sessions(peer))], ['Established']);
    lab.advanceTo(start + cycle + EPISODES.peerDown.from + 60);
    assert.deepEqual([...new Set(sessions(peer))], [EPISODES.peerDown.state]);
    assert.deepEqual([...new Set(sessions('tor-a'))], ['Established']);
    lab.advanceTo(start + cycle + EPISODES.peerDown.to + 60);
    assert.deepEqual([...new Set(sessions(peer))], ['Established']);
  }
  const again = new LabCluster({ start, seed: 1 });
  again.advanceTo(start + EPISODES.configInvalid.from + 60);
  assert.deepEqual([...new Set(ofKind(again, 'ConfigurationState').filter((c) => c.metadata.name !== 'controller').map((c) => c.status['result']))], ['Invalid']);
  lab.advanceTo(start + 2 * EPISODE_CYCLE_SECONDS + EPISODES.configInvalid.to + 60);
  assert.deepEqual(results(), ['Valid']);
});

test('the same seed and start replay the same speakers', () => {
  const a = new LabCluster({ start, seed: 5 });
  const b = new LabCluster({ start, seed: 5 });
  a.advanceTo(start + 7 * HOUR + 10 * 60);
  b.advanceTo(start + 7 * HOUR + 10 * 60);
  assert.deepEqual(a.speakerState(), b.speakerState());
});

test('through the live store: BGP services are announced partly while the peer is down, with the findings', async () => {
  // The warm-up ends at the real clock: 6h15m after the lab's start is inside the peer's outage.
  const realNow = () => (start + 6 * HOUR + 15 * 60) * 1000;
  const source = new LabSource({ speed: 60, realNow, warmupSeconds: 6 * HOUR + 15 * 60, warmupStepSeconds: 600 });
  await source.start();
  await source.stop();
  const report = source.store().report();
  const bgp = report.services.filter((s) => s.pool === BGP_POOL && s.state === 'allocated');
  assert.ok(bgp.length > 0);
  for (const s of bgp) {
    assert.equal(s.announcement?.state, 'partly', `${s.namespace}/${s.name}`);
    assert.deepEqual(s.announcement?.nodes, LAB_NODES);
  }
  const l2 = report.services.filter((s) => s.pool !== BGP_POOL && s.state === 'allocated');
  for (const s of l2) assert.equal(s.announcement?.state, 'announced', `${s.namespace}/${s.name}`);
  const codes = new Set(report.findings.map((f) => f.code));
  assert.ok(codes.has('bgp-peer-down'));
  assert.ok(!codes.has('metallb-config-invalid'));
  assert.deepEqual(report.facts.announcement?.bgpSessions.filter((s) => s.established === false).map((s) => s.node), LAB_NODES);
});

test('the lab\'s advertisements reach the live store whole: selectors, interfaces and peers survive the Kubernetes JSON', () => {
  for (const ad of labAdvertisements()) {
    const { objects, problems } = decodeObject(advertisementObject(ad));
    assert.deepEqual(problems, []);
    assert.deepEqual(objects.map((o) => o.value), [ad], ad.name);
  }
  assert.ok(labAdvertisements().some((ad) => ad.nodeSelectors.length > 0 && ad.interfaces.length > 0), 'one advertisement restricts nodes and interfaces');
});

test('through the live store: the one-node VLAN\'s services are not announced while its node is away, and announced again after', async () => {
  const vlanServices = async (at: number) => {
    const source = new LabSource({ speed: 60, realNow: () => (start + at) * 1000, warmupSeconds: at, warmupStepSeconds: 600 });
    await source.start();
    await source.stop();
    const report = source.store().report();
    const held = report.services.filter((s) => s.pool === ONE_NODE_VLAN.pool && s.state === 'allocated');
    assert.ok(held.length > 0);
    return { report, held };
  };
  assert.equal(EPISODES.nodeAway.node, ONE_NODE_VLAN.node, 'the node that goes away carries the VLAN');
  const before = await vlanServices(EPISODES.nodeAway.from - 10 * 60);
  for (const s of before.held) {
    assert.equal(s.announcement?.state, 'announced', `${s.namespace}/${s.name}`);
    assert.deepEqual([s.announcement?.nodes, s.announcement?.interfaces], [[ONE_NODE_VLAN.node], [ONE_NODE_VLAN.interface]]);
  }
  const during = await vlanServices(EPISODES.nodeAway.from + 15 * 60);
  for (const s of during.held) {
    assert.equal(s.announcement?.state, 'not-announced', `${s.namespace}/${s.name}`);
    assert.equal(s.announcement?.reason?.code, 'no-eligible-node', `${s.namespace}/${s.name}`);
  }
  // The advertisement's finding says why, once, at the selector to fix; no finding per service repeats it.
  const noNode = during.report.findings.filter((f) => f.code === 'advertisement-no-node');
  assert.equal(noNode.length, 1);
  assert.match(noNode[0]!.message, new RegExp(`${ONE_NODE_VLAN.pool}-vlan`));
  assert.deepEqual(during.report.findings.filter((f) => f.code === 'service-not-announced'), []);
  assert.deepEqual(before.report.findings.filter((f) => f.code === 'advertisement-no-node'), []);
  const others = during.report.services.filter((s) => s.pool !== ONE_NODE_VLAN.pool && s.pool !== BGP_POOL && s.state === 'allocated');
  for (const s of others) assert.equal(s.announcement?.state, 'announced', `${s.namespace}/${s.name}: handed over`);
  const after = await vlanServices(EPISODES.nodeAway.to + 10 * 60);
  for (const s of after.held) assert.equal(s.announcement?.state, 'announced', `${s.namespace}/${s.name}`);
});
