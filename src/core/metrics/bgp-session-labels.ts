// The labels of a BGP session series, written as frr-k8s's own session metrics write them, so an inhibit rule or a join matches the two.
import { readIp } from '../address/index.ts';
import type { BgpSessionFact } from '../announcement/bgp-sessions.ts';

/** An IPv6 address as a BGPSessionState label holds it: eight groups of four hex digits joined by `-`. */
const DASHED_IPV6 = /^[0-9a-f]{4}(?:-[0-9a-f]{4}){7}$/i;

/**
 * `node`, and `peer` and `vrf` as `frrk8s_bgp_session_up` has them: the peer's address in its canonical text
 * (IPv6 compressed, `fd00::2`; frr-k8s's BGPSessionState writes `fd00-0000-...-0002`), an interface name as
 * is, and the default VRF as `default` (the BGPSessionState leaves it empty). Then MetalLBBGPSessionDown and
 * MetalLBBGPPeerDownWithServices of one session carry the same node, peer and vrf.
 */
export function bgpSessionLabels(s: BgpSessionFact): { node: string; peer: string; vrf: string } {
  const ip = readIp(DASHED_IPV6.test(s.peer) ? s.peer.replaceAll('-', ':') : s.peer);
  return { node: s.node, peer: ip.ok ? ip.text : s.peer, vrf: s.vrf === '' ? 'default' : s.vrf };
}
