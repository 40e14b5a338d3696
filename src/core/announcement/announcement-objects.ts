// What MetalLB and frr-k8s report about announcing, kept by object and indexed by service, peer and session.
import { readIp } from '../address/index.ts';
import type { AnnouncementObjects, BgpPeer, BgpSessionState, ConfigurationState, Node, ObjectRef, ServiceBgpStatus, ServiceL2Status } from '../model/types.ts';

type Slot = keyof AnnouncementObjects;
type ValueOf<K extends Slot> = AnnouncementObjects[K][number];

const refKey = (r: ObjectRef) => `${r.namespace}/${r.name}`;
const serviceOf = (s: ServiceL2Status | ServiceBgpStatus) => `${s.serviceNamespace}/${s.serviceName}`;

/**
 * How frr-k8s names a session's peer: an IPv4 address as written, an IPv6 address in its expanded form
 * with `-` for `:` (a label value cannot hold `:`), anything else (an interface) as is.
 */
export function sessionPeerName(address: string): string {
  const ip = readIp(address);
  if (!ip.ok || ip.family === 'ipv4') return address;
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((ip.value >> BigInt(i * 16)) & 0xffffn).toString(16).padStart(4, '0'));
  return groups.join('-');
}

/** frr-k8s writes the default VRF as "" (FRR itself says "default"). */
export const vrfName = (vrf: string) => (vrf === 'default' ? '' : vrf);
const sessionKey = (node: string, peer: string, vrf: string) => `${node}\n${peer}\n${vrfName(vrf)}`;

/**
 * The objects by namespace/name, changed one at a time (a cluster has one ServiceL2Status per announced
 * service, so a change must not rebuild the others), with the per-service lists kept as they change and
 * the small indexes (peers, sessions) rebuilt on the first read after a change.
 */
export class AnnouncementObjectsIndex {
  private readonly objects: { [K in Slot]: Map<string, ValueOf<K>> } = {
    nodes: new Map(),
    l2Statuses: new Map(),
    bgpStatuses: new Map(),
    bgpPeers: new Map(),
    bgpSessions: new Map(),
    configurationStates: new Map(),
  };
  private readonly l2ByService = new Map<string, Map<string, ServiceL2Status>>();
  private readonly bgpByService = new Map<string, Map<string, ServiceBgpStatus>>();
  private derived: { peers: Map<string, BgpPeer>; sessions: Map<string, BgpSessionState>; nodes: Node[]; states: ConfigurationState[] } | null = null;

  upsert<K extends Slot>(slot: K, value: ValueOf<K>): void {
    const key = refKey(value);
    this.remove(slot, value);
    (this.objects[slot] as Map<string, ValueOf<K>>).set(key, value);
    if (slot === 'l2Statuses') this.index(this.l2ByService, key, value as ServiceL2Status);
    else if (slot === 'bgpStatuses') this.index(this.bgpByService, key, value as ServiceBgpStatus);
    else this.derived = null;
  }

  remove(slot: Slot, ref: ObjectRef): void {
    const key = refKey(ref);
    const before = this.objects[slot].get(key);
    if (before === undefined) return;
    this.objects[slot].delete(key);
    if (slot === 'l2Statuses') this.unindex(this.l2ByService, key, before as ServiceL2Status);
    else if (slot === 'bgpStatuses') this.unindex(this.bgpByService, key, before as ServiceBgpStatus);
    else this.derived = null;
  }

  /** Whether MetalLB writes status objects here at all (v0.14.4+ for layer 2, v0.15+ for BGP and configuration states). */
  get reportsStatus(): boolean {
    return this.objects.l2Statuses.size > 0 || this.objects.bgpStatuses.size > 0 || this.objects.configurationStates.size > 0;
  }

  /** ServiceL2Status objects of the service `namespace/name`, by object name. */
  l2Statuses(serviceKey: string): readonly ServiceL2Status[] {
    return sortedValues(this.l2ByService.get(serviceKey));
  }

  bgpStatuses(serviceKey: string): readonly ServiceBgpStatus[] {
    return sortedValues(this.bgpByService.get(serviceKey));
  }

  /** Every ServiceBGPStatus, by object key. */
  allBgpStatuses(): readonly ServiceBgpStatus[] {
    return sortedValues(this.objects.bgpStatuses);
  }

  /** The services (`namespace/name`) more than one ServiceL2Status names, with the statuses. */
  *l2StatusesByService(): Iterable<[string, readonly ServiceL2Status[]]> {
    for (const [key, m] of this.l2ByService) yield [key, sortedValues(m)];
  }

  peer(name: string): BgpPeer | undefined {
    return this.index2().peers.get(name);
  }

  /** The session of `node` with the peer at `address` in `vrf`, as frr-k8s reports it. */
  session(node: string, address: string, vrf: string): BgpSessionState | undefined {
    return this.index2().sessions.get(sessionKey(node, sessionPeerName(address), vrf));
  }

  get nodes(): readonly Node[] {
    return this.index2().nodes;
  }

  get configurationStates(): readonly ConfigurationState[] {
    return this.index2().states;
  }

  get bgpSessions(): readonly BgpSessionState[] {
    return sortedValues(this.objects.bgpSessions);
  }

  private index2() {
    if (this.derived) return this.derived;
    const peers = new Map<string, BgpPeer>();
    for (const p of sortedValues(this.objects.bgpPeers)) if (!peers.has(p.name)) peers.set(p.name, p);
    const sessions = new Map<string, BgpSessionState>();
    for (const s of sortedValues(this.objects.bgpSessions)) sessions.set(sessionKey(s.node, s.peer, s.vrf), s);
    this.derived = { peers, sessions, nodes: sortedValues(this.objects.nodes), states: sortedValues(this.objects.configurationStates) };
    return this.derived;
  }

  private index<T extends ServiceL2Status | ServiceBgpStatus>(byService: Map<string, Map<string, T>>, key: string, value: T): void {
    const service = serviceOf(value);
    let m = byService.get(service);
    if (!m) byService.set(service, (m = new Map()));
    m.set(key, value);
  }

  private unindex<T extends ServiceL2Status | ServiceBgpStatus>(byService: Map<string, Map<string, T>>, key: string, value: T): void {
    const service = serviceOf(value);
    const m = byService.get(service);
    if (!m) return;
    m.delete(key);
    if (m.size === 0) byService.delete(service);
  }
}

const EMPTY: readonly never[] = Object.freeze([]);

/** A map's values in key order (status objects have generated names: the order only has to be stable). */
function sortedValues<T>(m: ReadonlyMap<string, T> | undefined): T[] {
  if (!m || m.size === 0) return EMPTY as unknown as T[];
  return [...m.keys()].sort().map((k) => m.get(k)!);
}
