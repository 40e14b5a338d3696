// The typed MetalLB and Kubernetes object model that every source produces and all analysis reads.
import type { AddressRange, IpFamily } from '../address/index.ts';

/** Where an object or field was read from, when it came from a file (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** A Kubernetes label selector; an empty selector matches everything. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

/** One `spec.addresses` entry as written; `range` is null when it does not parse (see `error`). */
export interface PoolAddress {
  text: string;
  range: AddressRange | null;
  error: string | null;
  location: SourceLocation | null;
}

/** IPAddressPool `spec.serviceAllocation`. */
export interface ServiceAllocation {
  /** Lower positive values win; null or 0 sorts last (MetalLB's sortPools). */
  priority: number | null;
  namespaces: string[];
  namespaceSelectors: LabelSelector[];
  serviceSelectors: LabelSelector[];
}

/** An address pool: an IPAddressPool, or one entry of the legacy MetalLB ConfigMap. */
export interface Pool {
  origin: 'IPAddressPool' | 'ConfigMap';
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** In the order written: MetalLB allocates from the first entry of a family that has room. */
  addresses: PoolAddress[];
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  serviceAllocation: ServiceAllocation | null;
  /** Legacy ConfigMap pools name their protocol; such a pool counts as announced. */
  protocol: 'layer2' | 'bgp' | null;
  creationTimestamp: string | null;
  location: SourceLocation | null;
  /** Where the address list (or, when absent, its closest written parent) was written. */
  addressesLocation?: SourceLocation | null;
}

export interface Advertisement {
  kind: 'L2Advertisement' | 'BGPAdvertisement';
  name: string;
  namespace: string;
  /** Both empty means the advertisement announces every pool. */
  ipAddressPools: string[];
  ipAddressPoolSelectors: LabelSelector[];
  /** The nodes that may announce; empty means every node. */
  nodeSelectors: LabelSelector[];
  /** The services it announces; empty means every service. */
  serviceSelectors: LabelSelector[];
  /** L2Advertisement: the interfaces to announce on; empty means all. */
  interfaces: string[];
  /** BGPAdvertisement: the BGPPeer names to advertise to; empty means every peer. */
  peers: string[];
  location: SourceLocation | null;
}

export interface Namespace {
  name: string;
  labels: Record<string, string>;
  location: SourceLocation | null;
}

export interface ServicePort {
  name: string | null;
  protocol: string;
  port: number;
}

export type IpFamilyPolicy = 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';

export interface Service {
  namespace: string;
  name: string;
  uid: string | null;
  creationTimestamp: string | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** spec.type as written ("ClusterIP" when absent). */
  type: string;
  loadBalancerClass: string | null;
  /** spec.clusterIPs, falling back to spec.clusterIP; "None" and "" are dropped. */
  clusterIPs: string[];
  ipFamilies: IpFamily[];
  ipFamilyPolicy: IpFamilyPolicy | null;
  externalTrafficPolicy: 'Cluster' | 'Local' | null;
  selector: Record<string, string>;
  ports: ServicePort[];
  /** Deprecated spec.loadBalancerIP, or null. */
  loadBalancerIP: string | null;
  /** status.loadBalancer.ingress[].ip as written (hostnames are ignored). */
  ingressIPs: string[];
  location: SourceLocation | null;
}

/** The namespace (`''` for cluster-scoped kinds) and name of an object as the API names it. */
export interface ObjectRef {
  namespace: string;
  name: string;
}

/** A Kubernetes Node: its labels feed advertisements' nodeSelectors. */
export interface Node extends ObjectRef {
  labels: Record<string, string>;
  /** Labelled `node.kubernetes.io/exclude-from-external-load-balancers`: MetalLB's speakers do not announce from it. */
  excludedFromLoadBalancers: boolean;
  /** Condition NetworkUnavailable is True: speakers do not announce from it either. */
  networkUnavailable: boolean;
  location: SourceLocation | null;
}

/** A ServiceL2Status: the speaker on `node` answers ARP/NDP for the service's addresses. */
export interface ServiceL2Status extends ObjectRef {
  node: string;
  serviceNamespace: string;
  serviceName: string;
  interfaces: string[];
  location: SourceLocation | null;
}

/** A ServiceBGPStatus: the speaker on `node` advertises the service to the BGPPeers named in `peers`. */
export interface ServiceBgpStatus extends ObjectRef {
  node: string;
  serviceNamespace: string;
  serviceName: string;
  peers: string[];
  location: SourceLocation | null;
}

/** A MetalLB BGPPeer: which router, from which nodes. */
export interface BgpPeer extends ObjectRef {
  /** peerAddress, or null for an unnumbered (interface) session. */
  address: string | null;
  interface: string | null;
  vrf: string;
  nodeSelectors: LabelSelector[];
  location: SourceLocation | null;
}

/** An frr-k8s BGPSessionState: the state of one BGP session of one node. */
export interface BgpSessionState extends ObjectRef {
  node: string;
  /** The neighbour's address (or interface, for unnumbered sessions). */
  peer: string;
  vrf: string;
  /** FRR's state: Idle, Connect, Active, OpenSent, OpenConfirm, Established. */
  bgpStatus: string;
  bfdStatus: string | null;
  location: SourceLocation | null;
}

/** A MetalLB ConfigurationState: whether the controller or one node's speaker accepted the configuration. */
export interface ConfigurationState extends ObjectRef {
  /** `controller`, or `speaker` with its node. */
  component: string;
  node: string | null;
  result: 'Valid' | 'Invalid' | 'Unknown';
  errorSummary: string;
  location: SourceLocation | null;
}

/** What MetalLB reports about announcing: status objects, BGP sessions, configuration state, and the nodes. */
export interface AnnouncementObjects {
  nodes: Node[];
  l2Statuses: ServiceL2Status[];
  bgpStatuses: ServiceBgpStatus[];
  bgpPeers: BgpPeer[];
  bgpSessions: BgpSessionState[];
  configurationStates: ConfigurationState[];
}

/** A Warning event with reason AllocationFailed from MetalLB's controller, kept for the service it names. */
export interface AllocationFailedEvent {
  namespace: string;
  serviceName: string;
  message: string;
  lastTimestamp: string | null;
  location: SourceLocation | null;
}

/** Something in the input that could not become a model object; lint reports it, analysis carries on. */
export interface InputProblem {
  code: 'invalid-manifest' | 'invalid-address';
  message: string;
  /** `Kind/namespace/name` when known. */
  object: string | null;
  location: SourceLocation | null;
}

/**
 * A MetalLB configuration object as written (any metallb.io object, an object of a MetalLB kind in
 * another group, the legacy ConfigMap), kept for the configuration checks that read fields the model
 * does not need. Only configuration objects are kept this way: they are few, services are many.
 */
export interface ConfigObject {
  apiVersion: string;
  kind: string;
  /** metadata.name, or '' when missing (then `invalid-manifest` says so). */
  name: string;
  /** metadata.namespace as written, or null when absent. */
  namespace: string | null;
  raw: Record<string, unknown>;
  /** Where a field was written; null for objects read from the API. */
  locate: Locator | null;
  /** Whether the object was decoded without problems (checks of its fields skip it otherwise). */
  readable: boolean;
}

/** `IPAddressPool/metallb-system/default` for a configuration object. */
export function configRef(o: ConfigObject): string {
  return o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`;
}

export function formatLocation(l: SourceLocation | null | undefined): string | null {
  return l ? `${l.file}:${l.line}:${l.col}` : null;
}

/** `IPAddressPool/metallb-system/default`, the form used in findings' `objects`. */
export function poolRef(p: Pool): string {
  return p.origin === 'ConfigMap' ? `ConfigMap/${p.namespace}/config#${p.name}` : `IPAddressPool/${p.namespace}/${p.name}`;
}

export function serviceRef(s: Pick<Service, 'namespace' | 'name'>): string {
  return `Service/${s.namespace}/${s.name}`;
}

/** `namespace/name`, the key MetalLB uses in its events. */
export function serviceKey(s: Pick<Service, 'namespace' | 'name'>): string {
  return `${s.namespace}/${s.name}`;
}

/** A path into a raw object, e.g. ['spec', 'addresses', 2]. */
export type FieldPath = readonly (string | number)[];

/**
 * Finds where a field of one object was written. Returns the closest written ancestor when the
 * field itself is absent, and null only when nothing is known (objects from the Kubernetes API).
 */
export type Locator = (path: FieldPath) => SourceLocation | null;
