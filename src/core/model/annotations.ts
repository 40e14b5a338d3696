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

/** The annotation's value, preferring `metallb.io/` over the legacy prefix, as MetalLB does. */
export function metallbAnnotation(svc: Pick<Service, 'annotations'>, name: MetallbAnnotation): AnnotationValue | null {
  const current = svc.annotations[ANNOTATION_PREFIX + name];
  if (current !== undefined) return { value: current, key: ANNOTATION_PREFIX + name, deprecated: false };
  const legacy = svc.annotations[LEGACY_ANNOTATION_PREFIX + name];
  if (legacy !== undefined) return { value: legacy, key: LEGACY_ANNOTATION_PREFIX + name, deprecated: true };
  return null;
}
