// The lab's cluster: pools that show every case MetalLB supports, namespaces, and the kinds of services it creates.
import { makePool } from '../model/make-pool.ts';
import type { Advertisement, LabelSelector, Namespace, Pool, ServiceAllocation } from '../model/types.ts';
import { BGP_POOL, ONE_NODE_VLAN } from './speakers.ts';

const HOUR = 3600;

function pool(name: string, addresses: string[], extra: Partial<Pool> = {}): Pool {
  return makePool(name, addresses, extra);
}

function selector(matchLabels: Record<string, string>): LabelSelector {
  return { matchLabels, matchExpressions: [] };
}

function allocation(a: Partial<ServiceAllocation>): ServiceAllocation {
  return { priority: null, namespaces: [], namespaceSelectors: [], serviceSelectors: [], ...a };
}

/** The pool the lab fills up, and the range an operator adds to it once it has been exhausted for a while. */
export const FILLING_POOL = 'web';
export const EXPANSION_RANGES = ['192.168.11.0/24', '192.168.12.0/24'];

export function labPools(): Pool[] {
  return [
    // IPv4 with avoidBuggyIPs: 254 usable of 256. The upward trend fills this one.
    pool(FILLING_POOL, ['192.168.10.0/24'], { avoidBuggyIPs: true }),
    // An IPv6 /64 (2^64 addresses) for IPv6-only services.
    pool('ipv6', ['fd00:10::/64']),
    // Dual stack, only for services labelled stack=dual.
    pool('dual-stack', ['192.168.20.0/26', 'fd00:20::/120'], { serviceAllocation: allocation({ serviceSelectors: [selector({ stack: 'dual' })] }) }),
    // Pinned to the payments namespace, preferred over every other pool (priority 10).
    pool('payments', ['192.168.30.0/28'], { serviceAllocation: allocation({ priority: 10, namespaces: ['payments'] }) }),
    // autoAssign false: only services that name it in metallb.io/address-pool get its addresses.
    pool('reserved', ['192.168.40.0/29'], { autoAssign: false }),
    // A small pool pinned to the legacy namespace that starts one address short of full.
    pool('legacy', ['192.168.50.10-192.168.50.29'], { serviceAllocation: allocation({ namespaces: ['legacy'] }) }),
  ];
}

/**
 * Every pool is announced in layer 2 but the BGP one (see speakers.ts), which goes to both routers, and the
 * one-node VLAN's pool, announced only from that node's interface.
 */
export function labAdvertisements(): Advertisement[] {
  const ad = (kind: Advertisement['kind'], name: string, pools: string[], extra: Partial<Advertisement> = {}): Advertisement => ({
    kind,
    name,
    namespace: 'metallb-system',
    ipAddressPools: pools,
    ipAddressPoolSelectors: [],
    nodeSelectors: [],
    serviceSelectors: [],
    interfaces: [],
    peers: [],
    location: null,
    ...extra,
  });
  const names = labPools().map((p) => p.name);
  const vlan = { nodeSelectors: [selector({ 'kubernetes.io/hostname': ONE_NODE_VLAN.node })], interfaces: [ONE_NODE_VLAN.interface] };
  return [
    ad('L2Advertisement', 'layer2', names.filter((n) => n !== BGP_POOL && n !== ONE_NODE_VLAN.pool)),
    ad('L2Advertisement', `${ONE_NODE_VLAN.pool}-vlan`, [ONE_NODE_VLAN.pool], vlan),
    ad('BGPAdvertisement', 'routers', [BGP_POOL]),
  ];
}

export function labNamespaces(): Namespace[] {
  return ['shop', 'media', 'data', 'ops', 'payments', 'legacy'].map((name) => ({ name, labels: { 'kubernetes.io/metadata.name': name }, location: null }));
}

/** A kind of service the generator creates: how often, how long it lives, and how its spec looks. */
export interface ServiceKind {
  id: string;
  /** New services per hour (lab time). */
  perHour: number;
  /** Mean lifetime in seconds (lab time). */
  meanLifetime: number;
  /** Services of this kind present when the lab starts its warm-up. */
  initial: number;
  namespaces: string[];
  families: 'ipv4' | 'ipv6' | 'dual';
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export const SERVICE_KINDS: ServiceKind[] = [
  // Net growth of about 12 addresses an hour: the web pool fills a few hours after the warm-up.
  { id: 'web', perHour: 20, meanLifetime: 20 * HOUR, initial: 110, namespaces: ['shop', 'media', 'data', 'ops'], families: 'ipv4' },
  { id: 'v6', perHour: 3, meanLifetime: 10 * HOUR, initial: 25, namespaces: ['media', 'data'], families: 'ipv6' },
  { id: 'dual', perHour: 2, meanLifetime: 10 * HOUR, initial: 18, namespaces: ['shop', 'ops'], families: 'dual', labels: { stack: 'dual' } },
  { id: 'pay', perHour: 1.5, meanLifetime: 9 * HOUR, initial: 12, namespaces: ['payments'], families: 'ipv4' },
  { id: 'reserved', perHour: 0.5, meanLifetime: 10 * HOUR, initial: 4, namespaces: ['ops'], families: 'ipv4', annotations: { 'metallb.io/address-pool': 'reserved' } },
  { id: 'legacy', perHour: 0.1, meanLifetime: 400 * HOUR, initial: 19, namespaces: ['legacy'], families: 'ipv4' },
];

/** Services that are pending from the start, each for a different real reason. */
export const BROKEN_SERVICES: Array<{ namespace: string; name: string; annotations: Record<string, string>; families: 'ipv4' | 'ipv6' | 'dual'; loadBalancerIP?: string }> = [
  { namespace: 'shop', name: 'checkout-typo', annotations: { 'metallb.io/address-pool': 'web-pool' }, families: 'ipv4' },
  { namespace: 'data', name: 'warehouse-fixed-ip', annotations: { 'metallb.io/loadBalancerIPs': '192.168.50.10' }, families: 'ipv4' },
];
