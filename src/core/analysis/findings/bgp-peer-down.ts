// Rule bgp-peer-down: a BGP session that services are advertised over is not Established, naming the services it carries.
import type { Finding } from '../../report/types.ts';
import { carriedSessions } from '../../announcement/bgp-sessions.ts';
import { finding, type LedgerRule } from './finding.ts';

/** How many services a message names before it says "and N more". */
const NAMED = 5;

export const bgpPeerDown: LedgerRule = {
  code: 'bgp-peer-down',
  evaluate: ({ ledger }) => {
    const out: Finding[] = [];
    for (const { peerName: peer, node, peer: p, target, session, services: names } of carriedSessions(ledger.announcementObjects)) {
      // Without a BGPSessionState (native BGP mode, or frr-k8s not reporting yet) the state is unknown, not down.
      if (!session || session.bgpStatus === 'Established') continue;
      const listed = names.slice(0, NAMED).join(', ') + (names.length > NAMED ? ` and ${names.length - NAMED} more` : '');
      const message = `BGP session of node ${node} with peer ${peer} (${target}${p!.vrf ? `, vrf ${p!.vrf}` : ''}) is ${session.bgpStatus || 'not reported'}, not Established; it carries ${names.length} service${names.length === 1 ? '' : 's'}: ${listed}`;
      out.push(finding('bgp-peer-down', message, [`BGPPeer/${p!.namespace}/${peer}`, `BGPSessionState/${session.namespace}/${session.name}`, ...names.map((n) => `Service/${n}`)], session.location));
    }
    return out;
  },
};
