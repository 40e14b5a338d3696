// Raw Kubernetes object (from a manifest or the API) to model objects: the one entry every source calls.
//
// Usage:
//   const { objects, problems } = decodeObject(raw, locate?);
// - `raw` is the plain JSON object (a manifest document, or an object from a list/watch response;
//   items of typed lists need `kind`/`apiVersion` set, see src/core/manifest/list.ts).
// - `locate` (optional) maps a field path to `file:line:col`; without it (API objects) locations are null.
// - `objects` holds zero or more model values, each tagged with its snapshot slot: kinds not in KINDS
//   (./index.ts) and events other than AllocationFailed give none; the legacy ConfigMap gives one pool
//   per address-pools entry.
// - `problems` lists what is wrong with the object (`invalid-manifest`). An object with a problem is
//   left out of `objects` (except pools, whose unparsable address entries are kept on the pool with
//   their error, so the valid entries still count and the `invalid-address` finding names the bad one).
// - `config` is the object as written when it is MetalLB configuration (a metallb.io object, an object of
//   a MetalLB kind in another group, the legacy ConfigMap), for the configuration checks. A metallb.io
//   kind in a version MetalLB does not serve gives no model value: the API server would refuse it.
// `addToSnapshot(snapshot, result)` appends a result to a ClusterSnapshot.
import type { Locator } from '../../manifest/located.ts';
import type { ClusterSnapshot } from '../snapshot.ts';
import { isServedMetallbKind, METALLB_KINDS } from './index.ts';
import { METALLB_GROUP, splitApiVersion } from './metallb.ts';
import type { ConfigObject, InputProblem } from '../types.ts';
import { FieldReader, isObject } from './fields.ts';
import { kindOf, type Slot, type SlotValue } from './index.ts';

/** A decoded model value and the snapshot slot it belongs in. */
export type ModelObject = { [S in Slot]: { slot: S; value: SlotValue<S> } }[Slot];

export interface DecodeResult {
  objects: ModelObject[];
  problems: InputProblem[];
  config?: ConfigObject;
}

function configObject(raw: Record<string, unknown>, kind: string, locate: Locator | undefined): ConfigObject {
  const meta = isObject(raw['metadata']) ? raw['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : null;
  return { apiVersion: raw['apiVersion'] as string, kind, name, namespace, raw, locate: locate ?? null, readable: true };
}

/** The API group of an apiVersion (`metallb.io/v1beta1` -> `metallb.io`, `v1` -> ``). */
export function groupOf(apiVersion: unknown): string | null {
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
  const known = kindOf(group, kind);
  const accepted = known !== null && (!known.accepts || known.accepts(raw));
  const isConfig = group === METALLB_GROUP || Object.hasOwn(METALLB_KINDS, kind) || (accepted && known.slot === 'pools');
  const kept = isConfig ? { config: configObject(raw, kind, locate) } : {};
  // Not a kind MetalLB serves in this version (the unknown-kind finding says so): no model value.
  const served = group !== METALLB_GROUP || isServedMetallbKind(kind, splitApiVersion(raw['apiVersion'] as string).version);
  if (!known || !accepted || !served) return { objects: [], problems: [], ...kept };
  const r = new FieldReader(raw, kind, locate);
  const decoded = known.decode(r, raw);
  // An object with a wrong field is left out as a whole: analysing half of it would mislead.
  if (kept.config) kept.config.readable = r.problems.length === 0;
  if (r.problems.length > 0) return { objects: [], problems: r.problems, ...kept };
  const values: readonly unknown[] = decoded === null ? [] : Array.isArray(decoded) ? decoded : [decoded];
  return { objects: values.map((value) => ({ slot: known.slot, value }) as ModelObject), problems: [], ...kept };
}

/** Appends decoded objects and problems to a snapshot. */
export function addToSnapshot(snapshot: ClusterSnapshot, result: DecodeResult): void {
  for (const o of result.objects) (snapshot[o.slot] as unknown[]).push(o.value);
  for (const p of result.problems) snapshot.problems.push(p);
  if (result.config) snapshot.config.push(result.config);
}
