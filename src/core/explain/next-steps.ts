// What an operator can do about each reason a service has no address or is not announced: one concrete step per code.
import type { AnnouncementReasonCode } from '../announcement/reasons.ts';
import type { FindingCode, ReasonCode } from '../report/codes.ts';

/** The service and MetalLB's namespace, for commands that name them. */
export interface StepContext {
  namespace: string;
  name: string;
  metallbNamespace: string;
}

type Step = (c: StepContext) => string;

const svc = (c: StepContext) => `kubectl -n ${c.namespace} get svc ${c.name} -o yaml`;

/** One step per pending reason (docs/reasons.md has the longer fix of each). */
export const PENDING_STEPS: Record<ReasonCode, Step> = {
  'no-matching-pool': () => 'add a pool without spec.serviceAllocation, widen a pool\'s serviceAllocation to this namespace or these labels, or name an autoAssign: false pool in metallb.io/address-pool',
  'pool-exhausted': () => 'add addresses to the pool (spec.addresses), delete services that no longer need one, or share an address with metallb.io/allow-shared-ip',
  'unknown-pool': (c) => `correct metallb.io/address-pool (${svc(c)}) or create the pool it names`,
  'requested-ip-not-in-pool': () => 'ask for an address inside a pool that serves the service (metallb.io/loadBalancerIPs), or add the address to a pool',
  'requested-ip-in-use': () => 'pick a free address, or give both services the same metallb.io/allow-shared-ip value with different ports',
  'ip-family-mismatch': () => 'request an address of the service\'s family, set spec.ipFamilies to match, or add addresses of that family to a pool that serves it',
  'invalid-request': () => 'keep one way of asking (metallb.io/loadBalancerIPs; spec.loadBalancerIP is deprecated), with one address per family',
  'dual-stack-unsatisfiable': () => 'give one pool both an IPv4 and an IPv6 range, or set spec.ipFamilyPolicy: PreferDualStack',
  'not-enough-cluster-ips': () => 'enable dual-stack service networking, or set spec.ipFamilyPolicy: PreferDualStack or SingleStack',
  'allocation-failed': (c) => `read the controller's log (kubectl -n ${c.metallbNamespace} logs -l component=controller) and fix the findings about the pools`,
  'not-applied': () => 'nothing stops it: apply it; run poolwatch simulate on the manifests to see the address each new service gets, in MetalLB\'s order',
};

/** One step per announcement reason (docs/announcement.md). */
export const ANNOUNCEMENT_STEPS: Record<AnnouncementReasonCode, Step> = {
  'no-pool': () => 'give the service an address from a pool (see the address-outside-pools finding), or add its address to a pool',
  'no-advertisement': (c) => `add an L2Advertisement or BGPAdvertisement in namespace ${c.metallbNamespace} whose spec.ipAddressPools names the pool`,
  'service-selectors-mismatch': (c) => `label the service to match the advertisement's spec.serviceSelectors (kubectl -n ${c.namespace} label svc ${c.name} KEY=VALUE), or widen the selectors`,
  'shared-ip-with-service-selectors': () => 'drop spec.serviceSelectors from the L2Advertisement, or stop sharing the address (metallb.io/allow-shared-ip)',
  'no-eligible-node': () => 'fix the advertisements\' spec.nodeSelectors or the node labels (kubectl get nodes --show-labels); nodes labelled node.kubernetes.io/exclude-from-external-load-balancers never announce',
  'metallb-config-invalid': (c) => `fix what the errorSummary says (kubectl -n ${c.metallbNamespace} get configurationstates -o yaml)`,
  'bgp-peers-down': () => 'bring the BGP sessions up: kubectl get bgpsessionstates -A, then the router\'s side and the speakers\' logs',
  'no-speaker-announces': (c) => `check that the service has ready endpoints (kubectl -n ${c.namespace} get endpointslices -l kubernetes.io/service-name=${c.name}) and read the speakers' logs`,
};

/** Steps for findings about a service that the reasons above do not already cover. */
export const FINDING_STEPS: Partial<Record<FindingCode, Step>> = {
  'address-outside-pools': (c) => `move the service to an address inside a pool: clear its status and let MetalLB allocate again, or add the address to a pool (${svc(c)})`,
  'address-conflict': () => 'give one of the services another address, or the same metallb.io/allow-shared-ip value on both with different ports',
  'stale-allocation': () => 'MetalLB moves the address at its next allocation: expect the address to change, or keep the pool as it was',
  'request-mismatch': () => 'make the requested address (metallb.io/loadBalancerIPs) and the address held agree',
  'deprecated-annotation': () => 'rename metallb.universe.tf/ annotations to metallb.io/',
  'deprecated-field': () => 'replace spec.loadBalancerIP with the metallb.io/loadBalancerIPs annotation',
  'l2-multiple-announcers': (c) => `more than one speaker answers ARP/NDP for the address: read the speakers' logs (kubectl -n ${c.metallbNamespace} logs -l component=speaker) for memberlist problems`,
};
