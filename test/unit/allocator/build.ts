// Small builders of model objects for allocator tests: a pool or service in one line, with only what a case needs.
import { makePool } from '../../../src/core/model/make-pool.ts';
import type { IpFamily } from '../../../src/core/address/index.ts';
import type { IpFamilyPolicy, LabelSelector, Namespace, Pool, Service, ServiceAllocation } from '../../../src/core/model/types.ts';

export interface PoolOptions {
  autoAssign?: boolean;
  avoidBuggyIPs?: boolean;
  priority?: number;
  namespaces?: string[];
  namespaceSelectors?: LabelSelector[];
  serviceSelectors?: LabelSelector[];
}

export function sel(matchLabels: Record<string, string>): LabelSelector {
  return { matchLabels, matchExpressions: [] };
}

export function pool(name: string, addresses: string[], o: PoolOptions = {}): Pool {
  const hasAllocation = o.priority !== undefined || o.namespaces || o.namespaceSelectors || o.serviceSelectors;
  const serviceAllocation: ServiceAllocation | null = hasAllocation
    ? { priority: o.priority ?? null, namespaces: o.namespaces ?? [], namespaceSelectors: o.namespaceSelectors ?? [], serviceSelectors: o.serviceSelectors ?? [] }
    : null;
  return makePool(name, addresses, {
    autoAssign: o.autoAssign ?? true,
    avoidBuggyIPs: o.avoidBuggyIPs ?? false,
    serviceAllocation,
  });
}

export function ns(name: string, labels: Record<string, string> = {}): Namespace {
  return { name, labels, location: null };
}

export interface ServiceOptions {
  family?: IpFamily | 'dual' | 'dual6';
  policy?: IpFamilyPolicy;
  clusterIPs?: string[];
  ports?: string[];
  share?: string;
  local?: Record<string, string>;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  pool?: string;
  ips?: string;
  loadBalancerIP?: string;
  ingress?: string[];
  type?: string;
  lbClass?: string;
  created?: string;
}

/** `svc('ns/name', {...})`; the default is an IPv4 service with clusterIP 10.96.0.1 and port TCP/80. */
export function svc(key: string, o: ServiceOptions = {}): Service {
  const [namespace, name] = key.includes('/') ? key.split('/') : ['default', key];
  const family = o.family ?? 'ipv4';
  const clusterIPs =
    o.clusterIPs ?? (family === 'ipv4' ? ['10.96.0.1'] : family === 'ipv6' ? ['fd96::1'] : family === 'dual' ? ['10.96.0.1', 'fd96::1'] : ['fd96::1', '10.96.0.1']);
  const ipFamilies: IpFamily[] = family === 'dual' ? ['ipv4', 'ipv6'] : family === 'dual6' ? ['ipv6', 'ipv4'] : [family];
  const annotations: Record<string, string> = { ...(o.annotations ?? {}) };
  if (o.share !== undefined) annotations['metallb.io/allow-shared-ip'] = o.share;
  if (o.pool !== undefined) annotations['metallb.io/address-pool'] = o.pool;
  if (o.ips !== undefined) annotations['metallb.io/loadBalancerIPs'] = o.ips;
  return {
    namespace: namespace!,
    name: name!,
    uid: null,
    creationTimestamp: o.created ?? null,
    labels: o.labels ?? {},
    annotations,
    type: o.type ?? 'LoadBalancer',
    loadBalancerClass: o.lbClass ?? null,
    clusterIPs,
    ipFamilies: o.clusterIPs ? [] : ipFamilies,
    ipFamilyPolicy: o.policy ?? (family === 'dual' || family === 'dual6' ? 'RequireDualStack' : 'SingleStack'),
    externalTrafficPolicy: o.local ? 'Local' : 'Cluster',
    selector: o.local ?? {},
    ports: (o.ports ?? ['TCP/80']).map((p) => {
      const [protocol, port] = p.split('/');
      return { name: null, protocol: protocol!, port: Number(port) };
    }),
    loadBalancerIP: o.loadBalancerIP ?? null,
    ingressIPs: o.ingress ?? [],
    location: null,
  };
}
