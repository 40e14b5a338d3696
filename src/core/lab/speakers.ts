// The lab's MetalLB speakers and frr-k8s: who announces each address, a node that goes away and hands its addresses over, a BGP peer that goes down for a while, configuration states.
import { serviceKey, type Service } from '../model/types.ts';
import type { KubeObject } from './kube-objects.ts';

const MINUTE = 60;
const HOUR = 3600;
const NAMESPACE = 'metallb-system';

export const LAB_NODES = ['node-1', 'node-2', 'node-3', 'node-4'];
export const LAB_PEERS = [
  { name: 'tor-a', address: '10.0.0.1', asn: 64601 },
  { name: 'tor-b', address: '10.0.0.2', asn: 64602 },
];
/** The pool announced over BGP; every other pool is announced in layer 2. */
export const BGP_POOL = 'payments';
/**
 * A layer-2 pool whose VLAN reaches one node only: its advertisement selects that node and interface, so while
 * the node is away nothing announces the pool's addresses (poolwatch says `not-announced`, `no-eligible-node`).
 */
export const ONE_NODE_VLAN = { pool: 'legacy', node: 'node-3', interface: 'eth1' } as const;

/**
 * What goes wrong, and when: windows within a cycle that starts with the lab (no randomness, so every run and
 * every seed tells the same story). After the default 6-hour warm-up the peer goes down 10 lab minutes into the
 * live run and the node goes away an hour in; at the default speed (60) a cycle takes 8 real minutes.
 */
export const EPISODE_CYCLE_SECONDS = 8 * HOUR;
export const EPISODES = {
  /** A BGP peer stops answering: its sessions leave Established, services advertised to it are announced only partly. */
  peerDown: { peer: 'tor-b', state: 'Active', from: 6 * HOUR + 10 * MINUTE, to: 6 * HOUR + 40 * MINUTE },
  /** A node goes away (and its Node object with it): the layer-2 addresses it owned move to other nodes. */
  nodeAway: { node: 'node-3', from: 7 * HOUR, to: 7 * HOUR + 45 * MINUTE },
  /** An operator applies a BGPPeer with a bad address: the speakers reject the configuration until it is fixed. */
  configInvalid: { errorSummary: 'peer "tor-c": invalid peerAddress "10.0.0.300"', from: 3 * HOUR, to: 3 * HOUR + 20 * MINUTE },
} as const;

type Window = { from: number; to: number };

/** FNV-1a: a small stable hash, standing in for the SHA-256 ordering MetalLB's layer-2 speakers agree on. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const meta = (name: string, namespace: string, labels: Record<string, string> = {}) => ({ name, namespace, labels });

export class LabSpeakers {
  private readonly start: number;

  constructor(start: number) {
    this.start = start;
  }

  private within(w: Window, t: number): boolean {
    const r = (((t - this.start) % EPISODE_CYCLE_SECONDS) + EPISODE_CYCLE_SECONDS) % EPISODE_CYCLE_SECONDS;
    return r >= w.from && r < w.to;
  }

  /** The next time after `t` at which an episode starts or ends. */
  nextChangeAfter(t: number): number {
    const cycleStart = this.start + Math.floor((t - this.start) / EPISODE_CYCLE_SECONDS) * EPISODE_CYCLE_SECONDS;
    let next = Infinity;
    for (const base of [cycleStart, cycleStart + EPISODE_CYCLE_SECONDS]) {
      for (const w of Object.values(EPISODES)) {
        for (const edge of [base + w.from, base + w.to]) if (edge > t && edge < next) next = edge;
      }
    }
    return next;
  }

  /** The nodes whose speakers run at `t`. */
  nodesAt(t: number): string[] {
    return LAB_NODES.filter((n) => !(n === EPISODES.nodeAway.node && this.within(EPISODES.nodeAway, t)));
  }

  /** The objects that do not depend on services: nodes, BGP peers and sessions, configuration states. */
  clusterObjects(t: number): KubeObject[] {
    const nodes = this.nodesAt(t);
    const invalid = this.within(EPISODES.configInvalid, t);
    const peerDown = this.within(EPISODES.peerDown, t);
    const out: KubeObject[] = [];
    for (const node of nodes) out.push({ apiVersion: 'v1', kind: 'Node', metadata: { name: node, labels: { 'kubernetes.io/hostname': node } } });
    for (const p of LAB_PEERS) {
      out.push({ apiVersion: 'metallb.io/v1beta2', kind: 'BGPPeer', metadata: meta(p.name, NAMESPACE), spec: { myASN: 64500, peerASN: p.asn, peerAddress: p.address } });
    }
    for (const node of nodes) {
      for (const p of LAB_PEERS) {
        const bgpStatus = peerDown && p.name === EPISODES.peerDown.peer ? EPISODES.peerDown.state : 'Established';
        out.push({
          apiVersion: 'frrk8s.metallb.io/v1beta1',
          kind: 'BGPSessionState',
          metadata: meta(`${node}-${p.name}`, NAMESPACE, { 'frrk8s.metallb.io/node': node, 'frrk8s.metallb.io/peer': p.address, 'frrk8s.metallb.io/vrf': '' }),
          status: { node, peer: p.address, vrf: '', bgpStatus, bfdStatus: 'N/A' },
        });
      }
    }
    const state = (name: string, component: string, node: string | null, bad: boolean): KubeObject => ({
      apiVersion: 'metallb.io/v1beta1',
      kind: 'ConfigurationState',
      metadata: meta(name, NAMESPACE, { 'metallb.io/component-type': component, ...(node ? { 'metallb.io/node-name': node } : {}) }),
      status: bad ? { result: 'Invalid', errorSummary: EPISODES.configInvalid.errorSummary } : { result: 'Valid', errorSummary: '' },
    });
    // The controller accepts the bad peer (peers are the speakers' business); every speaker rejects it.
    out.push(state('controller', 'controller', null, false));
    for (const node of nodes) out.push(state(`speaker-${node}`, 'speaker', node, invalid));
    return out;
  }

  /**
   * The status objects of one service holding addresses from `pool` at `t`: in layer 2 one ServiceL2Status from
   * the owner (the first running node in the hash order of node and address, as MetalLB's speakers agree on it),
   * in BGP one ServiceBGPStatus per running node, naming every peer.
   */
  serviceObjects(svc: Service, pool: string, t: number): KubeObject[] {
    if (svc.ingressIPs.length === 0) return [];
    const nodes = this.nodesAt(t);
    const labels = (node: string) => ({ 'metallb.io/node': node, 'metallb.io/service-name': svc.name, 'metallb.io/service-namespace': svc.namespace });
    const status = { serviceName: svc.name, serviceNamespace: svc.namespace };
    const id = serviceKey(svc).replace('/', '-');
    if (pool === BGP_POOL) {
      return nodes.map((node) => ({
        apiVersion: 'metallb.io/v1beta1',
        kind: 'ServiceBGPStatus',
        metadata: meta(`bgp-${id}-${node}`, NAMESPACE, labels(node)),
        status: { node, ...status, peers: LAB_PEERS.map((p) => p.name) },
      }));
    }
    const ip = svc.ingressIPs[0]!;
    const vlan = pool === ONE_NODE_VLAN.pool;
    const eligible = vlan ? nodes.filter((n) => n === ONE_NODE_VLAN.node) : nodes;
    const owner = [...eligible].sort((a, b) => hash(`${a}#${ip}`) - hash(`${b}#${ip}`) || (a < b ? -1 : 1))[0];
    if (owner === undefined) return [];
    return [{ apiVersion: 'metallb.io/v1beta1', kind: 'ServiceL2Status', metadata: meta(`l2-${id}`, NAMESPACE, labels(owner)), status: { node: owner, ...status, interfaces: [{ name: vlan ? ONE_NODE_VLAN.interface : 'eth0' }] } }];
  }
}
