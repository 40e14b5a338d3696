// The Node kind: name and labels (for advertisements' nodeSelectors), and whether MetalLB's speakers skip it.
import type { Node } from '../types.ts';
import { applyAnnouncementObject } from './announcement-object.ts';
import type { FieldReader } from './fields.ts';
import { defineKind } from './kind.ts';

const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

export function decodeNode(r: FieldReader): Node | null {
  const meta = r.metadata('Node', null);
  let networkUnavailable = false;
  r.list(['status', 'conditions']).forEach((_, i) => {
    if (r.string(['status', 'conditions', i, 'type']) === 'NetworkUnavailable' && r.string(['status', 'conditions', i, 'status']) === 'True') networkUnavailable = true;
  });
  if (!meta) return null;
  return { namespace: '', name: meta.name, labels: meta.labels, excludedFromLoadBalancers: EXCLUDE_LABEL in meta.labels, networkUnavailable, location: r.locate([]) };
}

export const nodeKind = defineKind({
  kind: 'Node',
  groups: [''],
  resource: { group: '', version: 'v1', plural: 'nodes', scope: 'cluster', optional: false },
  slot: 'nodes',
  decode: decodeNode,
  live: applyAnnouncementObject('nodes'),
});
