// MetalLB's API group and namespace, the metallb.io kinds that are configuration only, and the kinds MetalLB removed (the registry in index.ts holds the rest).

export const METALLB_GROUP = 'metallb.io';

/** Where MetalLB keeps its configuration unless it was installed elsewhere (`--metallb-namespace`). */
export const DEFAULT_METALLB_NAMESPACE = 'metallb-system';

/** What the kinds registry says of a metallb.io kind (see Kind.metallb). */
export interface MetallbKindFacts {
  /** Every metallb.io version MetalLB serves the kind in (current releases). */
  served: readonly string[];
  /** MetalLB reads its configuration from it, and its webhooks refuse it outside MetalLB's namespace. */
  configuration: boolean;
}

/**
 * metallb.io kinds poolwatch reads no model from but keeps as written configuration, for the lint rules.
 * Every other metallb.io kind is declared with the kind it is in the registry (kinds/index.ts).
 */
export const CONFIGURATION_ONLY_KINDS: Readonly<Record<string, MetallbKindFacts>> = {
  Community: { served: ['v1beta1'], configuration: true },
  BFDProfile: { served: ['v1beta1'], configuration: true },
};

/** Kinds MetalLB once had and removed, with what replaced them. */
export const REMOVED_METALLB_KINDS: Readonly<Record<string, string>> = {
  AddressPool: 'removed in MetalLB v0.14; use IPAddressPool with an L2Advertisement or BGPAdvertisement',
};

/** `metallb.io/v1beta1` -> { group: 'metallb.io', version: 'v1beta1' }; `v1` -> group ''. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
