// The Kubernetes resources poolwatch lists and watches: one per kind in the kind list, with its API path.
import { KINDS } from '../../core/model/kinds/index.ts';

export interface WatchedResource {
  kind: string;
  apiVersion: string;
  /** The collection path, e.g. `/api/v1/services`. */
  path: string;
  fieldSelector?: string;
  /** A CRD: when it is not installed (404) poolwatch says so once and carries on without it. */
  optional: boolean;
}

/** `metallbNamespace` is where MetalLB keeps its configuration (its controller reads only that namespace). */
export function watchedResources(metallbNamespace: string): WatchedResource[] {
  const ns = encodeURIComponent(metallbNamespace);
  return KINDS.map(({ kind, resource: r }) => {
    const apiVersion = r.group === '' ? r.version : `${r.group}/${r.version}`;
    const base = r.group === '' ? '/api/v1' : `/apis/${apiVersion}`;
    const path = r.scope === 'metallb-namespace' ? `${base}/namespaces/${ns}/${r.plural}` : `${base}/${r.plural}`;
    return { kind, apiVersion, path, ...(r.fieldSelector ? { fieldSelector: r.fieldSelector } : {}), optional: r.optional };
  });
}

/** Items of core lists carry no kind/apiVersion on the wire; decoding goes by kind, so set them from the resource. */
export function typedObject<T extends { kind?: string; apiVersion?: string }>(resource: WatchedResource, o: T): T {
  if (o.kind === undefined) o.kind = resource.kind;
  if (o.apiVersion === undefined) o.apiVersion = resource.apiVersion;
  return o;
}
