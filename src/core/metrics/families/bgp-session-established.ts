// poolwatch_bgp_session_established: each node's BGP session with each peer as frr-k8s reports it (BGPSessionState).
import type { FamilyDeclaration } from '../family.ts';
import { bgpSessionLabels } from '../bgp-session-labels.ts';

export const bgpSessionEstablished: FamilyDeclaration = {
  name: 'poolwatch_bgp_session_established',
  help: 'Whether the BGP session of the node with the peer is Established (1) or in any other state (0), from frr-k8s\'s BGPSessionState.',
  type: 'gauge',
  labels: ['node', 'peer', 'vrf'],
  set: 'native',
  doc: '1 or 0; `peer` and `vrf` as frr-k8s\'s `frrk8s_bgp_session_up` has them (the address in canonical text, `fd00::2`; `vrf` is `default` for the default VRF), so an alert of each about one session carries the same `node`, `peer` and `vrf`; only sessions frr-k8s reports (none in native BGP mode)',
  *samples({ report }) {
    for (const s of report.facts.announcement?.bgpSessions ?? []) {
      if (s.established !== null) yield [bgpSessionLabels(s), s.established ? 1 : 0];
    }
  },
};
