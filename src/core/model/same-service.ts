// Whether two decoded Services are equal in every field of the model: a watch event that changes none of them changes nothing poolwatch knows.
import type { Service, ServicePort, SourceLocation } from './types.ts';

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Labels, annotations and selectors: plain objects of strings, as decoded (so a key `b` lacks never reads as a string). */
function sameMap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  let size = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    size++;
  }
  for (const _ in b) size--;
  return size === 0;
}

function samePorts(a: readonly ServicePort[], b: readonly ServicePort[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p.port !== q.port || p.protocol !== q.protocol || p.name !== q.name) return false;
  }
  return true;
}

function sameLocation(a: SourceLocation | null, b: SourceLocation | null): boolean {
  return a === b || (a !== null && b !== null && a.file === b.file && a.line === b.line && a.col === b.col);
}

/**
 * Every field compared, what changes most often first: the status (a watch event usually brings an
 * address), then the annotations MetalLB writes, then the rest. A test changes each field of a decoded
 * Service in turn, so a field added to the model without a comparison here fails it.
 */
export function sameService(a: Service, b: Service): boolean {
  return (
    sameList(a.ingressIPs, b.ingressIPs) &&
    sameMap(a.annotations, b.annotations) &&
    sameMap(a.labels, b.labels) &&
    a.namespace === b.namespace &&
    a.name === b.name &&
    a.uid === b.uid &&
    a.creationTimestamp === b.creationTimestamp &&
    a.type === b.type &&
    a.loadBalancerClass === b.loadBalancerClass &&
    a.loadBalancerIP === b.loadBalancerIP &&
    a.ipFamilyPolicy === b.ipFamilyPolicy &&
    a.externalTrafficPolicy === b.externalTrafficPolicy &&
    sameList(a.clusterIPs, b.clusterIPs) &&
    sameList(a.ipFamilies, b.ipFamilies) &&
    samePorts(a.ports, b.ports) &&
    sameMap(a.selector, b.selector) &&
    sameLocation(a.location, b.location)
  );
}
