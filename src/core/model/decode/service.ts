// Decodes a core/v1 Service: what MetalLB reads to allocate, and the addresses the cluster reports it holds.
import type { IpFamily } from '../../address/index.ts';
import type { IpFamilyPolicy, Service, ServicePort } from '../types.ts';
import type { FieldReader } from './fields.ts';

const FAMILIES: Record<string, IpFamily> = { IPv4: 'ipv4', IPv6: 'ipv6' };
const POLICIES: readonly string[] = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];
/**
 * The service types as the program's own strings: a type read from a manifest is a new string each time,
 * and comparing one with 'LoadBalancer' reads its characters, a cache miss per service in a big batch.
 */
const TYPES = new Map(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].map((t) => [t, t]));

export function decodeService(r: FieldReader): Service | null {
  const meta = r.metadata('Service', 'default');
  r.object(['spec']);
  const given = r.string(['spec', 'type']) ?? 'ClusterIP';
  const type = TYPES.get(given) ?? given;
  const loadBalancerClass = r.string(['spec', 'loadBalancerClass']);
  let clusterIPs = r.stringList(['spec', 'clusterIPs']);
  if (clusterIPs.length === 0) {
    const single = r.string(['spec', 'clusterIP']);
    if (single !== null) clusterIPs = [single];
  }
  clusterIPs = clusterIPs.filter((ip) => ip !== '' && ip !== 'None');
  const ipFamilies: IpFamily[] = [];
  r.stringList(['spec', 'ipFamilies']).forEach((f, i) => {
    const family = FAMILIES[f];
    if (family) ipFamilies.push(family);
    else r.problem(['spec', 'ipFamilies', i], `spec.ipFamilies[${i}] must be IPv4 or IPv6, not ${JSON.stringify(f)}`);
  });
  const policy = r.string(['spec', 'ipFamilyPolicy']);
  if (policy !== null && !POLICIES.includes(policy)) {
    r.problem(['spec', 'ipFamilyPolicy'], `spec.ipFamilyPolicy must be SingleStack, PreferDualStack or RequireDualStack, not ${JSON.stringify(policy)}`);
  }
  const etp = r.string(['spec', 'externalTrafficPolicy']);
  const selector = r.stringMap(['spec', 'selector']);
  const ports: ServicePort[] = [];
  r.list(['spec', 'ports']).forEach((_, i) => {
    const port = r.int(['spec', 'ports', i, 'port']);
    const name = r.string(['spec', 'ports', i, 'name']);
    const protocol = r.string(['spec', 'ports', i, 'protocol']) ?? 'TCP';
    if (port !== null) ports.push({ name, protocol, port });
  });
  const loadBalancerIP = r.string(['spec', 'loadBalancerIP']);
  const ingressIPs: string[] = [];
  r.list(['status', 'loadBalancer', 'ingress']).forEach((_, i) => {
    const ip = r.string(['status', 'loadBalancer', 'ingress', i, 'ip']);
    if (ip) ingressIPs.push(ip);
  });
  if (!meta) return null;
  return {
    namespace: meta.namespace,
    name: meta.name,
    uid: meta.uid,
    creationTimestamp: meta.creationTimestamp,
    labels: meta.labels,
    annotations: meta.annotations,
    type,
    loadBalancerClass,
    clusterIPs,
    ipFamilies,
    ipFamilyPolicy: policy !== null && POLICIES.includes(policy) ? (policy as IpFamilyPolicy) : null,
    externalTrafficPolicy: etp === 'Local' ? 'Local' : etp === 'Cluster' ? 'Cluster' : null,
    selector,
    ports,
    loadBalancerIP: loadBalancerIP === '' ? null : loadBalancerIP,
    ingressIPs,
    location: r.locate([]),
  };
}
