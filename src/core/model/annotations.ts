// MetalLB service annotations under the current `metallb.io/` prefix and the deprecated `metallb.universe.tf/` one.
import type { Service } from './types.ts';

export const ANNOTATION_PREFIX = 'metallb.io/';
export const LEGACY_ANNOTATION_PREFIX = 'metallb.universe.tf/';

export type MetallbAnnotation = 'address-pool' | 'loadBalancerIPs' | 'allow-shared-ip' | 'ip-allocated-from-pool';
export const METALLB_ANNOTATIONS: readonly MetallbAnnotation[] = [
  'address-pool',
  'loadBalancerIPs',
  'allow-shared-ip',
  'ip-allocated-from-pool',
];

export interface AnnotationValue {
  value: string;
  /** The full key it was read from. */
  key: string;
  deprecated: boolean;
}

// Both full keys of each annotation, written out once: this runs for every service, so no string building per call.
const KEYS: Record<MetallbAnnotation, readonly [string, string]> = {
  'address-pool': ['metallb.io/address-pool', 'metallb.universe.tf/address-pool'],
  loadBalancerIPs: ['metallb.io/loadBalancerIPs', 'metallb.universe.tf/loadBalancerIPs'],
  'allow-shared-ip': ['metallb.io/allow-shared-ip', 'metallb.universe.tf/allow-shared-ip'],
  'ip-allocated-from-pool': ['metallb.io/ip-allocated-from-pool', 'metallb.universe.tf/ip-allocated-from-pool'],
};

/** The annotation's value, preferring `metallb.io/` over the legacy prefix, as MetalLB does. */
export function metallbAnnotation(svc: Pick<Service, 'annotations'>, name: MetallbAnnotation): AnnotationValue | null {
  const [current, legacy] = KEYS[name];
  const value = svc.annotations[current];
  if (value !== undefined) return { value, key: current, deprecated: false };
  const old = svc.annotations[legacy];
  if (old !== undefined) return { value: old, key: legacy, deprecated: true };
  return null;
}

/** Just the value (no allocation), for hot paths. */
export function metallbAnnotationValue(svc: Pick<Service, 'annotations'>, name: MetallbAnnotation): string | null {
  const [current, legacy] = KEYS[name];
  return svc.annotations[current] ?? svc.annotations[legacy] ?? null;
}
