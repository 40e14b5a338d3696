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
import { CONFIGURATION_ONLY_KINDS, METALLB_GROUP, type MetallbKindFacts } from './metallb.ts';
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

/** Every metallb.io kind MetalLB serves: the registry's own, then those kept only as configuration. */
const METALLB_FACTS: ReadonlyMap<string, MetallbKindFacts> = new Map([
  ...KINDS.flatMap((k) => (k.groups.includes(METALLB_GROUP) && 'metallb' in k && k.metallb ? [[k.kind, k.metallb] as const] : [])),
  ...Object.entries(CONFIGURATION_ONLY_KINDS),
]);

/** Kind -> the versions of metallb.io MetalLB serves it in: the one list lint checks apiVersion and kind against. */
export const METALLB_KINDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries([...METALLB_FACTS].map(([kind, f]) => [kind, f.served]));

/** The kinds MetalLB reads its configuration from; its webhooks refuse them outside MetalLB's namespace. */
export const METALLB_CONFIG_KINDS: readonly string[] = [...METALLB_FACTS].filter(([, f]) => f.configuration).map(([kind]) => kind);

/** Whether MetalLB serves `kind` in metallb.io `version`. */
export function isServedMetallbKind(kind: string, version: string): boolean {
  return METALLB_FACTS.get(kind)?.served.includes(version) ?? false;
}
