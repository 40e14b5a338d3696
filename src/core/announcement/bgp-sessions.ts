// BGP sessions joined with the services advertised over them: one computation for the bgp-peer-down finding and the session metrics.
import type { BgpPeer, BgpSessionState } from '../model/types.ts';
import { sessionPeerName, vrfName, type AnnouncementObjectsIndex } from './announcement-objects.ts';

/** One node's session with one BGPPeer that ServiceBGPStatus objects name, with what frr-k8s reports about it. */
export interface CarriedSession {
  /** The BGPPeer's name, as ServiceBGPStatus lists it. */
  peerName: string;
  node: string;
  /** The BGPPeer, when it is known. */
  peer: BgpPeer | undefined;
  /** Its peerAddress (or interface for unnumbered sessions), null when the BGPPeer is unknown. */
  target: string | null;
  /** frr-k8s's BGPSessionState of this session, when one is reported. */
  session: BgpSessionState | undefined;
  /** `namespace/name` of the services advertised over it, sorted. */
  services: string[];
}

/** A BGP session as the metrics show it: frr-k8s's peer and VRF naming, its state if reported, and the services it carries. */
export interface BgpSessionFact {
  node: string;
  /** The peer as frr-k8s names it (IPv4 as written, IPv6 expanded with `-`, or the interface). */
  peer: string;
  /** "" for the default VRF, as frr-k8s writes it. */
  vrf: string;
  /** true when Established, false in any other state, null when no BGPSessionState reports it (native BGP mode). */
  established: boolean | null;
  /** Services advertised over the session (ServiceBGPStatus peers). */
  services: number;
}

/** Every (BGPPeer, node) pair that ServiceBGPStatus objects advertise services over, in a stable order. */
export function carriedSessions(objects: AnnouncementObjectsIndex): CarriedSession[] {
  const carried = new Map<string, { peerName: string; node: string; services: Set<string> }>();
  for (const st of objects.allBgpStatuses()) {
    for (const peerName of st.peers) {
      const key = `${peerName}\n${st.node}`;
      let entry = carried.get(key);
      if (!entry) carried.set(key, (entry = { peerName, node: st.node, services: new Set() }));
      entry.services.add(`${st.serviceNamespace}/${st.serviceName}`);
    }
  }
  const out: CarriedSession[] = [];
  for (const { peerName, node, services } of carried.values()) {
    const peer = objects.peer(peerName);
    const target = peer?.address ?? peer?.interface ?? null;
    const session = peer && target !== null ? objects.session(node, target, peer.vrf) : undefined;
    out.push({ peerName, node, peer, target, session, services: [...services].sort() });
  }
  return out;
}

/**
 * Every session frr-k8s reports, plus every session services are advertised over, keyed the way frr-k8s
 * names them. Two BGPPeers with the same address are one session: their services are counted once.
 * A session whose BGPPeer is unknown cannot be named and is left out.
 */
export function bgpSessionFacts(objects: AnnouncementObjectsIndex): BgpSessionFact[] {
  const byKey = new Map<string, { node: string; peer: string; vrf: string; established: boolean | null; services: Set<string> }>();
  const entry = (node: string, peer: string, vrf: string) => {
    const key = `${node}\n${peer}\n${vrf}`;
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { node, peer, vrf, established: null, services: new Set() }));
    return e;
  };
  for (const s of objects.bgpSessions) entry(s.node, s.peer, vrfName(s.vrf)).established = s.bgpStatus === 'Established';
  for (const c of carriedSessions(objects)) {
    if (!c.peer || c.target === null) continue;
    const e = entry(c.node, sessionPeerName(c.target), vrfName(c.peer.vrf));
    for (const s of c.services) e.services.add(s);
  }
  const key = (f: BgpSessionFact) => `${f.node}\n${f.peer}\n${f.vrf}`;
  return [...byKey.values()]
    .map((e) => ({ node: e.node, peer: e.peer, vrf: e.vrf, established: e.established, services: e.services.size }))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
