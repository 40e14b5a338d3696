// The one list of Kubernetes resources poolwatch reads: API path, selector, and whether it may be missing (a CRD).

export type KubeKind = 'Service' | 'Namespace' | 'ConfigMap' | 'Event' | 'IPAddressPool' | 'L2Advertisement' | 'BGPAdvertisement';

export interface WatchedResource {
  kind: KubeKind;
  apiVersion: string;
  /** The collection path, e.g. `/api/v1/services`. */
  path: string;
  fieldSelector?: string;
  /** A MetalLB CRD: when it is not installed (404) poolwatch says so once and carries on without it. */
  optional: boolean;
}

/** `metallbNamespace` is where MetalLB keeps its configuration (its controller reads only that namespace). */
export function watchedResources(metallbNamespace: string): WatchedResource[] {
  const ns = encodeURIComponent(metallbNamespace);
  return [
    { kind: 'Service', apiVersion: 'v1', path: '/api/v1/services', optional: false },
    { kind: 'Namespace', apiVersion: 'v1', path: '/api/v1/namespaces', optional: false },
    // The legacy (before v0.13) configuration: ConfigMap `config` in MetalLB's namespace.
    { kind: 'ConfigMap', apiVersion: 'v1', path: `/api/v1/namespaces/${ns}/configmaps`, fieldSelector: 'metadata.name=config', optional: false },
    // MetalLB's controller reports allocation failures as Warning events with this reason.
    { kind: 'Event', apiVersion: 'v1', path: '/api/v1/events', fieldSelector: 'reason=AllocationFailed', optional: false },
    { kind: 'IPAddressPool', apiVersion: 'metallb.io/v1beta1', path: `/apis/metallb.io/v1beta1/namespaces/${ns}/ipaddresspools`, optional: true },
    { kind: 'L2Advertisement', apiVersion: 'metallb.io/v1beta1', path: `/apis/metallb.io/v1beta1/namespaces/${ns}/l2advertisements`, optional: true },
    { kind: 'BGPAdvertisement', apiVersion: 'metallb.io/v1beta1', path: `/apis/metallb.io/v1beta1/namespaces/${ns}/bgpadvertisements`, optional: true },
  ];
}

/** Items of core lists carry no kind/apiVersion on the wire; decoding goes by kind, so set them from the resource. */
export function typedObject<T extends { kind?: string; apiVersion?: string }>(resource: WatchedResource, o: T): T {
  if (o.kind === undefined) o.kind = resource.kind;
  if (o.apiVersion === undefined) o.apiVersion = resource.apiVersion;
  return o;
}
