// The Service kind: decodes a core/v1 Service (what MetalLB reads to allocate, and the addresses the cluster reports it holds).
import type { IpFamily } from '../../address/index.ts';
import type { IpFamilyPolicy, Service, ServicePort } from '../types.ts';
import type { FieldPath } from '../../manifest/located.ts';
import { entriesOf, entryPaths, exactLength, isObject, type FieldReader } from './fields.ts';
import { defineKind } from './kind.ts';

const FAMILIES = new Map<string, IpFamily>([
  ['IPv4', 'ipv4'],
  ['IPv6', 'ipv6'],
]);
/**
 * A single-stack service's family list, one per family for every service: a model kept for every service holds
 * one array less each. Frozen, so a stray write fails loudly instead of changing all.
 */
const ONE_FAMILY: Record<IpFamily, IpFamily[]> = { ipv4: Object.freeze(['ipv4']) as IpFamily[], ipv6: Object.freeze(['ipv6']) as IpFamily[] };
const POLICIES: readonly string[] = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];
/**
 * The service types as the program's own strings: a type read from a manifest is a new string each time,
 * and comparing one with 'LoadBalancer' reads its characters, a cache miss per service in a big batch.
 */
const TYPES = new Map(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].map((t) => [t, t]));

const noAddress = (ip: string) => ip === '' || ip === 'None';

const SPEC: FieldPath = ['spec'];
const PORTS: FieldPath = ['spec', 'ports'];
const INGRESS: FieldPath = ['status', 'loadBalancer', 'ingress'];
const portPath = entryPaths(PORTS);
const ingressPath = entryPaths(INGRESS);
/** Where a decoded object's own location is looked up (an empty path: the object itself). */
const ROOT: FieldPath = [];

export function decodeService(r: FieldReader): Service | null {
  const meta = r.metadata('Service', 'default');
  // Fields are read from the spec object directly: a dump holds many services (see FieldReader).
  const spec = r.object(SPEC);
  const given = r.stringIn(spec, SPEC, 'type') ?? 'ClusterIP';
  const type = TYPES.get(given) ?? given;
  const loadBalancerClass = r.stringIn(spec, SPEC, 'loadBalancerClass');
  let clusterIPs = r.stringListIn(spec, SPEC, 'clusterIPs');
  if (clusterIPs.length === 0) {
    const single = r.stringIn(spec, SPEC, 'clusterIP');
    if (single !== null) clusterIPs = [single];
  }
  // A headless service's "None" and an empty entry hold no address (the list read is a copy already: filtered only when needed).
  if (clusterIPs.some(noAddress)) clusterIPs = exactLength(clusterIPs.filter((ip) => !noAddress(ip)));
  const ipFamilies = entriesOf(r.stringListIn(spec, SPEC, 'ipFamilies'), (name, i) => {
    const family = FAMILIES.get(name);
    if (!family) r.problem(['spec', 'ipFamilies', i], `spec.ipFamilies[${i}] must be IPv4 or IPv6, not ${JSON.stringify(name)}`);
    return family ?? null;
  });
  const policy = r.stringIn(spec, SPEC, 'ipFamilyPolicy');
  if (policy !== null && !POLICIES.includes(policy)) {
    r.problem(['spec', 'ipFamilyPolicy'], `spec.ipFamilyPolicy must be SingleStack, PreferDualStack or RequireDualStack, not ${JSON.stringify(policy)}`);
  }
  const etp = r.stringIn(spec, SPEC, 'externalTrafficPolicy');
  const selector = r.stringMapIn(spec, SPEC, 'selector');
  const ports = entriesOf(r.listIn(spec, SPEC, 'ports'), (item, i): ServicePort | null => {
    // An entry that is not a mapping has no fields to read (and is not reported).
    const entry = isObject(item) ? item : null;
    const at = portPath(i);
    const port = r.intIn(entry, at, 'port');
    const name = r.stringIn(entry, at, 'name');
    const protocol = r.stringIn(entry, at, 'protocol') ?? 'TCP';
    return port === null ? null : { name, protocol, port };
  });
  const loadBalancerIP = r.stringIn(spec, SPEC, 'loadBalancerIP');
  const ingressIPs = entriesOf(r.list(INGRESS), (item, i) => r.stringIn(isObject(item) ? item : null, ingressPath(i), 'ip') || null);
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
    ipFamilies: ipFamilies.length === 1 ? ONE_FAMILY[ipFamilies[0]!] : ipFamilies,
    ipFamilyPolicy: policy !== null && POLICIES.includes(policy) ? (policy as IpFamilyPolicy) : null,
    externalTrafficPolicy: etp === 'Local' ? 'Local' : etp === 'Cluster' ? 'Cluster' : null,
    selector,
    ports,
    loadBalancerIP: loadBalancerIP === '' ? null : loadBalancerIP,
    ingressIPs,
    location: r.locate(ROOT),
  };
}

/** Services change often: each is applied on its own. */
export const serviceKind = defineKind({
  kind: 'Service',
  groups: [''],
  resource: { group: '', version: 'v1', plural: 'services', scope: 'cluster', optional: false },
  slot: 'services',
  decode: decodeService,
  live: {
    mode: 'each',
    upsert: (model, svc) => model.upsertService(svc),
    remove: (model, ref) => model.removeService(ref.namespace, ref.name),
    remember: false,
    load: (model, services) => model.loadServices(services),
  },
});
