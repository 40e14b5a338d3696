// Raw Kubernetes object (from a manifest or the API) to model objects: the one entry every source calls.
//
// Usage:
//   const { objects, problems } = decodeObject(raw, locate?);
// - `raw` is the plain JSON object (a manifest document, or an object from a list/watch response;
//   items of typed lists need `kind`/`apiVersion` set, see src/core/manifest/list.ts).
// - `locate` (optional) maps a field path to `file:line:col`; without it (API objects) locations are null.
// - `objects` holds zero or more tagged model objects: unknown kinds and events other than
//   AllocationFailed give none; the legacy ConfigMap gives one pool per address-pools entry.
// - `problems` lists what is wrong with the object (`invalid-manifest`). An object with a problem is
//   left out of `objects` (except pools, whose unparsable address entries are kept on the pool with
//   their error, so the valid entries still count and the `invalid-address` finding names the bad one).
// - `config` is the object as written when it is MetalLB configuration (a metallb.io object, an object of
//   a MetalLB kind in another group, the legacy ConfigMap), for the configuration checks; else null.
//   A metallb.io kind in a version MetalLB does not serve gives no model object: the API server would refuse it.
// `addToSnapshot(snapshot, result)` appends a result to a ClusterSnapshot.
import type { Locator } from '../../manifest/located.ts';
import { isServedMetallbKind, METALLB_GROUP, METALLB_KINDS, splitApiVersion } from '../metallb-kinds.ts';
import type { Advertisement, AllocationFailedEvent, ClusterSnapshot, ConfigObject, InputProblem, Namespace, Pool, Service } from '../types.ts';
import { decodeBgpAdvertisement } from './bgp-advertisement.ts';
import { decodeAllocationFailedEvent } from './event.ts';
import { FieldReader, isObject } from './fields.ts';
import { decodeIpAddressPool } from './ip-address-pool.ts';
import { decodeL2Advertisement } from './l2-advertisement.ts';
import { decodeLegacyConfigMap, isLegacyMetallbConfigMap } from './legacy-config-map.ts';
import { decodeNamespace } from './namespace.ts';
import { decodeService } from './service.ts';

export type ModelObject =
  | { kind: 'pool'; value: Pool }
  | { kind: 'advertisement'; value: Advertisement }
  | { kind: 'namespace'; value: Namespace }
  | { kind: 'service'; value: Service }
  | { kind: 'event'; value: AllocationFailedEvent };

export interface DecodeResult {
  objects: ModelObject[];
  problems: InputProblem[];
  config?: ConfigObject | null;
}

/** The API group of an apiVersion (`metallb.io/v1beta1` -> `metallb.io`, `v1` -> ``). */
function groupOf(apiVersion: unknown): string | null {
  if (typeof apiVersion !== 'string') return null;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function decodeObject(raw: unknown, locate?: Locator): DecodeResult {
  if (!isObject(raw)) {
    return { objects: [], problems: [{ code: 'invalid-manifest', message: 'not a Kubernetes object (expected a mapping with apiVersion and kind)', object: null, location: locate?.([]) ?? null }] };
  }
  const kind = raw['kind'];
  const group = groupOf(raw['apiVersion']);
  if (typeof kind !== 'string' || kind === '' || group === null) {
    const missing = typeof kind !== 'string' || kind === '' ? 'kind' : 'apiVersion';
    return { objects: [], problems: [{ code: 'invalid-manifest', message: `object has no ${missing}`, object: null, location: locate?.([]) ?? null }] };
  }
  const r = new FieldReader(raw, kind, locate);
  const objects: ModelObject[] = [];
  const one = <K extends ModelObject['kind']>(k: K, v: Extract<ModelObject, { kind: K }>['value'] | null) => {
    if (v) objects.push({ kind: k, value: v } as ModelObject);
  };
  const apiVersion = raw['apiVersion'] as string;
  const legacyConfigMap = group === '' && kind === 'ConfigMap' && isLegacyMetallbConfigMap(raw);
  const config = group === METALLB_GROUP || legacyConfigMap || Object.hasOwn(METALLB_KINDS, kind) ? configObject(raw, apiVersion, kind, locate) : null;
  if (group === METALLB_GROUP && !isServedMetallbKind(kind, splitApiVersion(apiVersion).version)) {
    // Not a kind MetalLB serves (the unknown-kind finding says so): nothing to decode.
  } else if (group === METALLB_GROUP) {
    if (kind === 'IPAddressPool') one('pool', decodeIpAddressPool(r));
    else if (kind === 'L2Advertisement') one('advertisement', decodeL2Advertisement(r));
    else if (kind === 'BGPAdvertisement') one('advertisement', decodeBgpAdvertisement(r));
  } else if (group === '') {
    if (kind === 'Service') one('service', decodeService(r));
    else if (kind === 'Namespace') one('namespace', decodeNamespace(r));
    else if (kind === 'Event') one('event', decodeAllocationFailedEvent(r));
    else if (legacyConfigMap) {
      for (const p of decodeLegacyConfigMap(r)) objects.push({ kind: 'pool', value: p });
    }
  } else if (group === 'events.k8s.io' && kind === 'Event') {
    one('event', decodeAllocationFailedEvent(r));
  }
  // An object with a wrong field is left out as a whole: analysing half of it would mislead.
  if (config) config.readable = r.problems.length === 0;
  const kept = config ? { config } : {};
  if (r.problems.length > 0) return { objects: [], problems: r.problems, ...kept };
  return { objects, problems: [], ...kept };
}

function configObject(raw: Record<string, unknown>, apiVersion: string, kind: string, locate: Locator | undefined): ConfigObject {
  const meta = isObject(raw['metadata']) ? raw['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : null;
  return { apiVersion, kind, name, namespace, raw, locate: locate ?? null, readable: true };
}

/** Appends decoded objects and problems to a snapshot. */
export function addToSnapshot(snapshot: ClusterSnapshot, result: DecodeResult): void {
  for (const o of result.objects) {
    if (o.kind === 'pool') snapshot.pools.push(o.value);
    else if (o.kind === 'advertisement') snapshot.advertisements.push(o.value);
    else if (o.kind === 'namespace') snapshot.namespaces.push(o.value);
    else if (o.kind === 'service') snapshot.services.push(o.value);
    else snapshot.events.push(o.value);
  }
  snapshot.problems.push(...result.problems);
  if (result.config) snapshot.config.push(result.config);
}
