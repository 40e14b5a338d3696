// The frr-k8s BGPSessionState kind (frrk8s.metallb.io): the state of one node's BGP session with one peer.
import type { BgpSessionState } from '../types.ts';
import { applyAnnouncementObject } from './announcement-object.ts';
import type { FieldReader } from './fields.ts';
import { defineKind } from './kind.ts';

export function decodeBgpSessionState(r: FieldReader): BgpSessionState | null {
  const meta = r.metadata('BGPSessionState', null);
  const labels = meta?.labels ?? {};
  const node = r.string(['status', 'node']) ?? labels['frrk8s.metallb.io/node'] ?? null;
  const peer = r.string(['status', 'peer']) ?? labels['frrk8s.metallb.io/peer'] ?? null;
  const vrf = r.string(['status', 'vrf']) ?? labels['frrk8s.metallb.io/vrf'] ?? '';
  const bgpStatus = r.string(['status', 'bgpStatus']) ?? '';
  const bfdStatus = r.string(['status', 'bfdStatus']);
  if (!meta || node === null || peer === null) return null;
  return { namespace: meta.namespace, name: meta.name, node, peer, vrf, bgpStatus, bfdStatus, location: r.locate([]) };
}

export const bgpSessionStateKind = defineKind({
  kind: 'BGPSessionState',
  groups: ['frrk8s.metallb.io'],
  // frr-k8s runs in its own namespace (frr-k8s-system, or MetalLB's when MetalLB deploys it): read every namespace.
  resource: { group: 'frrk8s.metallb.io', version: 'v1beta1', plural: 'bgpsessionstates', scope: 'cluster', optional: true },
  slot: 'bgpSessions',
  decode: decodeBgpSessionState,
  live: applyAnnouncementObject('bgpSessions'),
});
