// The metallb.io kinds and the API versions MetalLB serves each one in: the one list lint checks apiVersion and kind against.

export const METALLB_GROUP = 'metallb.io';

/** Where MetalLB keeps its configuration unless it was installed elsewhere (`--metallb-namespace`). */
export const DEFAULT_METALLB_NAMESPACE = 'metallb-system';

/** Kind -> the versions of metallb.io it exists in (current MetalLB releases). */
export const METALLB_KINDS: Readonly<Record<string, readonly string[]>> = {
  IPAddressPool: ['v1beta1'],
  L2Advertisement: ['v1beta1'],
  BGPAdvertisement: ['v1beta1'],
  Community: ['v1beta1'],
  BGPPeer: ['v1beta1', 'v1beta2'],
  BFDProfile: ['v1beta1'],
  ServiceL2Status: ['v1beta1'],
  ServiceBGPStatus: ['v1beta1'],
  ConfigurationState: ['v1beta1'],
};

/** Kinds MetalLB once had and removed, with what replaced them. */
export const REMOVED_METALLB_KINDS: Readonly<Record<string, string>> = {
  AddressPool: 'removed in MetalLB v0.14; use IPAddressPool with an L2Advertisement or BGPAdvertisement',
};

/** The kinds MetalLB reads its configuration from; its webhooks refuse them outside MetalLB's namespace. */
export const METALLB_CONFIG_KINDS: readonly string[] = ['IPAddressPool', 'L2Advertisement', 'BGPAdvertisement', 'Community', 'BGPPeer', 'BFDProfile'];

/** `metallb.io/v1beta1` -> { group: 'metallb.io', version: 'v1beta1' }; `v1` -> group ''. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Whether MetalLB serves `kind` in metallb.io `version`. */
export function isServedMetallbKind(kind: string, version: string): boolean {
  return METALLB_KINDS[kind]?.includes(version) ?? false;
}
