// Rule bgp-peer-conflict: two BGPPeers that select a common node but cannot share its FRR instance (one peer twice, different routerID or myASN).
import { selectsNode } from '../../model/node-selection.ts';
import type { ConfigObject, Node } from '../../model/types.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding, described, fieldAt, metallbObjects } from './config-objects.ts';
import type { FindingContext, LedgerRule } from './finding.ts';

/** How MetalLB tells peers apart on one node: the address (or interface), and the VRF when there is one. */
function peerIdentity(o: ConfigObject): string {
  const target = String(fieldAt(o, ['spec', 'peerAddress']) ?? '') || String(fieldAt(o, ['spec', 'interface']) ?? '');
  const vrf = String(fieldAt(o, ['spec', 'vrf']) ?? '');
  return vrf === '' ? target : `${target} in VRF ${vrf}`;
}

/** Whether some Node is selected by both peers; with no Nodes in the input MetalLB assumes so, and so does poolwatch. */
function shareNode(a: ConfigObject, b: ConfigObject, ctx: FindingContext, nodes: readonly Node[]): boolean {
  if (nodes.length === 0) return true;
  const pa = ctx.ledger.announcementObjects.peer(a.name);
  const pb = ctx.ledger.announcementObjects.peer(b.name);
  if (!pa || !pb) return true;
  return nodes.some((n) => selectsNode(pa, n) && selectsNode(pb, n));
}

const text = (v: unknown) => (v === undefined || v === null || v === '' ? 'none' : String(v));

/** Why the later peer cannot run beside the earlier one on a node, with the field at fault; null when it can. */
function conflict(earlier: ConfigObject, later: ConfigObject): { path: string[]; why: string } | null {
  const f = (o: ConfigObject, k: string) => fieldAt(o, ['spec', k]);
  if (text(f(earlier, 'routerID')) !== text(f(later, 'routerID'))) {
    return { path: ['spec', 'routerID'], why: `its routerID ${text(f(later, 'routerID'))} differs from ${described(earlier)}'s (${text(f(earlier, 'routerID'))})` };
  }
  const id = peerIdentity(later);
  if (id !== '' && id === peerIdentity(earlier)) return { path: ['spec', 'peerAddress'], why: `it peers with ${id} as ${described(earlier)} does` };
  if (text(f(earlier, 'vrf')) === text(f(later, 'vrf')) && text(f(earlier, 'myASN')) !== text(f(later, 'myASN'))) {
    return { path: ['spec', 'myASN'], why: `its myASN ${text(f(later, 'myASN'))} differs from ${described(earlier)}'s (${text(f(earlier, 'myASN'))}) in the same VRF` };
  }
  return null;
}

export const bgpPeerConflict: LedgerRule = {
  code: 'bgp-peer-conflict',
  evaluate: (ctx) => {
    const out: Finding[] = [];
    const peers = metallbObjects(ctx.ledger, 'BGPPeer', ctx.options.metallbNamespace);
    const nodes = ctx.ledger.announcementObjects.nodes;
    peers.forEach((later, j) => {
      for (const earlier of peers.slice(0, j)) {
        if (earlier.name === later.name || !shareNode(earlier, later, ctx, nodes)) continue;
        const c = conflict(earlier, later);
        if (!c) continue;
        out.push(configFinding('bgp-peer-conflict', `${described(later)} selects a node ${described(earlier)} selects too, but ${c.why}: MetalLB (FRR mode) refuses it`, later, c.path));
        break; // one finding per peer: the first conflict is enough to fix
      }
    });
    return out;
  },
};
