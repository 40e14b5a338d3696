// The lab's model objects written back as the Kubernetes JSON a real API server returns, so they go through the same decoders.
import type { Advertisement, AllocationFailedEvent, LabelSelector, Namespace, Pool, Service } from '../model/types.ts';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

const FAMILY = { ipv4: 'IPv4', ipv6: 'IPv6' } as const;

function selector(s: LabelSelector): Record<string, unknown> {
  return { matchLabels: s.matchLabels, ...(s.matchExpressions.length ? { matchExpressions: s.matchExpressions } : {}) };
}

export function poolObject(p: Pool): KubeObject {
  const spec: Record<string, unknown> = { addresses: p.addresses.map((a) => a.text), autoAssign: p.autoAssign, avoidBuggyIPs: p.avoidBuggyIPs };
  if (p.serviceAllocation) {
    const a = p.serviceAllocation;
    spec['serviceAllocation'] = {
      ...(a.priority !== null ? { priority: a.priority } : {}),
      ...(a.namespaces.length ? { namespaces: a.namespaces } : {}),
      ...(a.namespaceSelectors.length ? { namespaceSelectors: a.namespaceSelectors.map(selector) } : {}),
      ...(a.serviceSelectors.length ? { serviceSelectors: a.serviceSelectors.map(selector) } : {}),
    };
  }
  return { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: p.name, namespace: p.namespace, labels: p.labels }, spec };
}

export function advertisementObject(a: Advertisement): KubeObject {
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: a.kind,
    metadata: { name: a.name, namespace: a.namespace },
    spec: {
      ...(a.ipAddressPools.length ? { ipAddressPools: a.ipAddressPools } : {}),
      ...(a.ipAddressPoolSelectors.length ? { ipAddressPoolSelectors: a.ipAddressPoolSelectors.map(selector) } : {}),
      ...(a.nodeSelectors.length ? { nodeSelectors: a.nodeSelectors.map(selector) } : {}),
      ...(a.serviceSelectors.length ? { serviceSelectors: a.serviceSelectors.map(selector) } : {}),
      ...(a.interfaces.length ? { interfaces: a.interfaces } : {}),
      ...(a.peers.length ? { peers: a.peers } : {}),
    },
  };
}

export function namespaceObject(n: Namespace): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, labels: n.labels } };
}

export function serviceObject(s: Service): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: s.name, namespace: s.namespace, uid: s.uid, creationTimestamp: s.creationTimestamp, labels: s.labels, annotations: s.annotations },
    spec: {
      type: s.type,
      ...(s.loadBalancerClass ? { loadBalancerClass: s.loadBalancerClass } : {}),
      clusterIP: s.clusterIPs[0],
      clusterIPs: s.clusterIPs,
      ipFamilies: s.ipFamilies.map((f) => FAMILY[f]),
      ...(s.ipFamilyPolicy ? { ipFamilyPolicy: s.ipFamilyPolicy } : {}),
      ...(s.externalTrafficPolicy ? { externalTrafficPolicy: s.externalTrafficPolicy } : {}),
      selector: s.selector,
      ports: s.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), protocol: p.protocol, port: p.port })),
      ...(s.loadBalancerIP ? { loadBalancerIP: s.loadBalancerIP } : {}),
    },
    status: { loadBalancer: s.ingressIPs.length ? { ingress: s.ingressIPs.map((ip) => ({ ip })) } : {} },
  };
}

/** MetalLB's Warning event; one per service, named after it as the event recorder would aggregate it. */
export function eventObject(e: AllocationFailedEvent): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${e.serviceName}.allocation-failed`, namespace: e.namespace },
    type: 'Warning',
    reason: 'AllocationFailed',
    message: e.message,
    involvedObject: { kind: 'Service', namespace: e.namespace, name: e.serviceName, apiVersion: 'v1' },
    source: { component: 'metallb-controller' },
    lastTimestamp: e.lastTimestamp,
  };
}
