// poolwatch_bgp_session_services: how many services each BGP session carries (ServiceBGPStatus), so a down session that matters can be told apart.
import type { FamilyDeclaration } from '../family.ts';
import { bgpSessionLabels } from '../bgp-session-labels.ts';

export const bgpSessionServices: FamilyDeclaration = {
  name: 'poolwatch_bgp_session_services',
  help: 'Services advertised over the BGP session of the node with the peer (ServiceBGPStatus peers).',
  type: 'gauge',
  labels: ['node', 'peer', 'vrf'],
  set: 'native',
  doc: 'services; labels as in `poolwatch_bgp_session_established`; one series per session frr-k8s reports or services are advertised over; bounded by nodes × peers',
  *samples({ report }) {
    for (const s of report.facts.announcement?.bgpSessions ?? []) yield [bgpSessionLabels(s), s.services];
  },
};
