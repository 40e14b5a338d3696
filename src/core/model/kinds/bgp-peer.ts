// The BGPPeer kind (metallb.io v1beta2, v1beta1 read alike): the router a node peers with, and from which nodes.
import type { BgpPeer } from '../types.ts';
import { applyAnnouncementObject } from './announcement-object.ts';
import type { FieldReader } from './fields.ts';
import { DEFAULT_METALLB_NAMESPACE as METALLB_NAMESPACE } from './metallb.ts';
import { defineKind } from './kind.ts';

export function decodeBgpPeer(r: FieldReader): BgpPeer | null {
  const meta = r.metadata('BGPPeer', METALLB_NAMESPACE);
  const address = r.string(['spec', 'peerAddress']);
  const iface = r.string(['spec', 'interface']);
  const vrf = r.string(['spec', 'vrf']) ?? '';
  const nodeSelectors = r.labelSelectors(['spec', 'nodeSelectors']);
  if (!meta) return null;
  return { namespace: meta.namespace, name: meta.name, address: address || null, interface: iface || null, vrf, nodeSelectors, location: r.locate([]) };
}

export const bgpPeerKind = defineKind({
  kind: 'BGPPeer',
  groups: ['metallb.io'],
  resource: { group: 'metallb.io', version: 'v1beta2', plural: 'bgppeers', scope: 'metallb-namespace', optional: true },
  metallb: { served: ['v1beta1', 'v1beta2'], configuration: true },
  slot: 'bgpPeers',
  decode: decodeBgpPeer,
  live: applyAnnouncementObject('bgpPeers'),
});
