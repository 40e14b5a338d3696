// Announcement state and reasons for one service, from MetalLB's status objects or, without them, from its configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snapshotFromTexts } from '../../../src/core/manifest/snapshot.ts';
import { analyze } from '../../../src/core/pipeline/analyze.ts';
import { toJson } from '../../../src/core/report/json.ts';

const now = new Date('2026-12-01T00:00:00Z');
const POOL = `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata: {name: p, namespace: metallb-system}
spec: {addresses: [10.0.0.0/29]}
`;
const service = (extra = '') => `apiVersion: v1
kind: Service
metadata: {name: s, namespace: n, labels: {app: s}${extra}}
spec: {type: LoadBalancer}
status: {loadBalancer: {ingress: [{ip: 10.0.0.1}]}}
`;
const ad = (kind: string, spec: string) => `apiVersion: metallb.io/v1beta1
kind: ${kind}
metadata: {name: a, namespace: metallb-system}
spec: {ipAddressPools: [p]${spec}}
`;
const node = (name: string, labels: string) => `apiVersion: v1
kind: Node
metadata: {name: ${name}, labels: {${labels}}}
`;

function announcement(...docs: string[]) {
  const report = toJson(analyze(snapshotFromTexts([{ file: 'x.yaml', text: docs.join('---\n') }]), { now }));
  return report.services.find((s) => s.name === 's')!.announcement!;
}
const reason = (...docs: string[]) => announcement(...docs).reason?.code ?? null;

test('without status objects the state is unknown unless the configuration rules the announcement out', () => {
  assert.deepEqual(announcement(POOL, service(), ad('L2Advertisement', '')), { protocol: 'layer2', nodes: [], interfaces: [], peers: [], state: 'unknown', reason: null });
  assert.equal(reason(POOL, service()), 'no-advertisement');
  assert.equal(reason(POOL, service(), ad('L2Advertisement', ', serviceSelectors: [{matchLabels: {app: other}}]')), 'service-selectors-mismatch');
  assert.equal(reason(POOL, service(), ad('BGPAdvertisement', ', serviceSelectors: [{matchLabels: {app: s}}]')), null);
  assert.equal(reason(POOL, service(', annotations: {metallb.io/allow-shared-ip: k}'), ad('L2Advertisement', ', serviceSelectors: [{matchLabels: {app: s}}]')), 'shared-ip-with-service-selectors');
  // allow-shared-ip with BGP serviceSelectors is fine: only the layer 2 speaker refuses it.
  assert.equal(reason(POOL, service(', annotations: {metallb.io/allow-shared-ip: k}'), ad('BGPAdvertisement', ', serviceSelectors: [{matchLabels: {app: s}}]')), null);
  const selective = ad('L2Advertisement', ', nodeSelectors: [{matchLabels: {role: edge}}]');
  assert.equal(reason(POOL, service(), selective, node('n1', 'role: core')), 'no-eligible-node');
  assert.equal(reason(POOL, service(), selective, node('n1', 'role: edge, node.kubernetes.io/exclude-from-external-load-balancers: ""')), 'no-eligible-node');
  assert.equal(reason(POOL, service(), selective, node('n1', 'role: edge')), null);
  assert.equal(announcement(POOL, service(), selective, node('n1', 'role: core')).state, 'not-announced');
});

test('status objects decide: announced, partly, every peer down, or not named by any', () => {
  const bgpStatus = (nodeName: string) => `apiVersion: metallb.io/v1beta1
kind: ServiceBGPStatus
metadata: {name: b-${nodeName}, namespace: metallb-system}
status: {node: ${nodeName}, serviceName: s, serviceNamespace: n, peers: [r1]}
`;
  const peer = `apiVersion: metallb.io/v1beta2
kind: BGPPeer
metadata: {name: r1, namespace: metallb-system}
spec: {peerAddress: "fd00::1", vrf: red}
`;
  // frr-k8s writes an IPv6 peer expanded, with dashes, and the VRF as given.
  const session = (nodeName: string, state: string) => `apiVersion: frrk8s.metallb.io/v1beta1
kind: BGPSessionState
metadata: {name: ${nodeName}-r1, namespace: frr-k8s-system}
status: {node: ${nodeName}, peer: fd00-0000-0000-0000-0000-0000-0000-0001, vrf: red, bgpStatus: ${state}}
`;
  const bgp = ad('BGPAdvertisement', '');
  const up = announcement(POOL, service(), bgp, peer, bgpStatus('n1'), bgpStatus('n2'), session('n1', 'Established'), session('n2', 'Established'));
  assert.equal(up.state, 'announced');
  assert.deepEqual(up.peers, [
    { name: 'r1', address: 'fd00::1', node: 'n1', state: 'Established' },
    { name: 'r1', address: 'fd00::1', node: 'n2', state: 'Established' },
  ]);
  assert.equal(announcement(POOL, service(), bgp, peer, bgpStatus('n1'), bgpStatus('n2'), session('n1', 'Established'), session('n2', 'Active')).state, 'partly');
  const down = announcement(POOL, service(), bgp, peer, bgpStatus('n1'), session('n1', 'Idle'));
  assert.equal(down.state, 'not-announced');
  assert.equal(down.reason?.code, 'bgp-peers-down');
  // No session state (native BGP mode): the peer's state is unknown, which is not down.
  assert.equal(announcement(POOL, service(), bgp, peer, bgpStatus('n1')).state, 'announced');
  // Status objects exist in the cluster, none names this service.
  const other = `apiVersion: metallb.io/v1beta1
kind: ServiceL2Status
metadata: {name: l2-x, namespace: metallb-system}
status: {node: n1, serviceName: other, serviceNamespace: n}
`;
  assert.equal(reason(POOL, service(), ad('L2Advertisement', ''), other), 'no-speaker-announces');
});

test('services of one pool share its announcement unless status objects or serviceSelectors make theirs their own', () => {
  const second = `apiVersion: v1
kind: Service
metadata: {name: t, namespace: n, labels: {app: t}}
spec: {type: LoadBalancer}
status: {loadBalancer: {ingress: [{ip: 10.0.0.2}]}}
`;
  const both = (...docs: string[]) => {
    const report = analyze(snapshotFromTexts([{ file: 'x.yaml', text: docs.join('---\n') }]), { now });
    const of = (name: string) => report.services.find((s) => s.name === name)!.announcement!;
    return [of('s'), of('t')] as const;
  };
  const [s, t] = both(POOL, service(), second, ad('L2Advertisement', ''));
  assert.equal(s, t, 'one object for the pool');
  assert.ok(Object.isFrozen(s) && Object.isFrozen(s.nodes), 'a shared announcement cannot be changed through one service');
  const [own, other] = both(POOL, service(), second, ad('L2Advertisement', ', serviceSelectors: [{matchLabels: {app: s}}]'));
  assert.equal(own.reason, null);
  assert.equal(other.reason?.code, 'service-selectors-mismatch');
  const l2Status = `apiVersion: metallb.io/v1beta1
kind: ServiceL2Status
metadata: {name: l-s, namespace: metallb-system}
status: {node: n1, serviceName: s, serviceNamespace: n, interfaces: [{name: eth0}]}
`;
  const [named, unnamed] = both(POOL, service(), second, ad('L2Advertisement', ''), l2Status);
  assert.equal(named.state, 'announced');
  assert.deepEqual(named.nodes, ['n1']);
  assert.equal(unnamed.state, 'not-announced');
  assert.equal(unnamed.reason?.code, 'no-speaker-announces');
});
