// The one list of Kubernetes kinds poolwatch reads: decoding, watching, RBAC and the snapshot all follow it.
import { bgpAdvertisementKind } from './bgp-advertisement.ts';
import { bgpPeerKind } from './bgp-peer.ts';
import { bgpSessionStateKind } from './bgp-session-state.ts';
import { configurationStateKind } from './configuration-state.ts';
import { allocationFailedEventKind } from './event.ts';
import { ipAddressPoolKind } from './ip-address-pool.ts';
import type { Kind } from './kind.ts';
import { l2AdvertisementKind } from './l2-advertisement.ts';
import { legacyConfigMapKind } from './legacy-config-map.ts';
import { namespaceKind } from './namespace.ts';
import { nodeKind } from './node.ts';
import { serviceKind } from './service.ts';
import { serviceBgpStatusKind } from './service-bgp-status.ts';
import { serviceL2StatusKind } from './service-l2-status.ts';

export const KINDS = [
  serviceKind,
  namespaceKind,
  legacyConfigMapKind,
  allocationFailedEventKind,
  ipAddressPoolKind,
  l2AdvertisementKind,
  bgpAdvertisementKind,
  nodeKind,
  serviceL2StatusKind,
  serviceBgpStatusKind,
  bgpPeerKind,
  bgpSessionStateKind,
  configurationStateKind,
] as const;

export type AnyKind = (typeof KINDS)[number];
export type Slot = AnyKind['slot'];
/** The model value type a slot holds. */
export type SlotValue<S extends Slot> = Extract<AnyKind, { slot: S }> extends Kind<infer T, S> ? T : never;

/** Group, then kind name: two lookups instead of building a key string for every object of a large dump. */
const byGroup = new Map<string, Map<string, AnyKind>>();
for (const k of KINDS) for (const g of k.groups) (byGroup.get(g) ?? byGroup.set(g, new Map()).get(g)!).set(k.kind, k);

/** The kind an object of API group `group` (`''` for the core group) and kind `kind` belongs to, if poolwatch reads it. */
export function kindOf(group: string, kind: string): AnyKind | null {
  return byGroup.get(group)?.get(kind) ?? null;
}
