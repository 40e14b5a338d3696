// Which Nodes an advertisement's or BGPPeer's nodeSelectors select, as MetalLB's configuration loader decides it (before the speakers skip excluded nodes).
import { selectorMatches } from './selectors.ts';
import type { LabelSelector, Node } from './types.ts';

/** What selects nodes: an L2Advertisement, a BGPAdvertisement or a BGPPeer. */
export interface SelectsNodes {
  nodeSelectors: readonly LabelSelector[];
}

/** Whether the object selects the node: no nodeSelectors selects every node, else any one selector matching. */
export function selectsNode(ad: SelectsNodes, node: Node): boolean {
  return ad.nodeSelectors.length === 0 || ad.nodeSelectors.some((s) => selectorMatches(s, node.labels));
}

/**
 * Whether the object's nodeSelectors select none of the Nodes. False without Nodes: most manifests
 * hold none, and then nothing can be said.
 */
export function selectsNoNode(ad: SelectsNodes, nodes: readonly Node[]): boolean {
  return nodes.length > 0 && !nodes.some((n) => selectsNode(ad, n));
}
