// One allocated service's announcement: what MetalLB's status objects say, else what its configuration allows (MetalLB's speaker rules).
import { metallbAnnotation } from '../model/annotations.ts';
import { advertises } from '../model/advertises.ts';
import { selectorMatches } from '../model/selectors.ts';
import { serviceKey, type Advertisement, type LabelSelector, type Node, type Pool, type Service } from '../model/types.ts';
import type { Announcement, AnnouncementPeer, AnnouncementProtocol } from '../report/types.ts';
import type { AnnouncementObjectsIndex } from './announcement-objects.ts';
import type { AnnouncementReasonCode } from './reasons.ts';

export interface AnnouncementInputs {
  objects: AnnouncementObjectsIndex;
  advertisements: readonly Advertisement[];
}

type Why = { code: AnnouncementReasonCode; message: string };

const ESTABLISHED = 'Established';
/** A session frr-k8s reports in any state but Established carries nothing. */
export const peerDown = (p: AnnouncementPeer) => p.state !== ESTABLISHED && p.state !== 'unknown';

const anyMatch = (selectors: readonly LabelSelector[], labels: Record<string, string>) => selectors.length === 0 || selectors.some((s) => selectorMatches(s, labels));
const names = (ads: readonly Advertisement[]) => ads.map((a) => `"${a.name}"`).join(', ');
const uniqueSorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** The nodes a speaker may announce from: not excluded from load balancers, network available (speaker/layer2_controller.go, bgp_controller.go). */
function usable(n: Node): boolean {
  return !n.excludedFromLoadBalancers && !n.networkUnavailable;
}

/** Why one protocol's advertisements cannot announce the service, or null when they can (as far as poolwatch can tell). */
function protocolProblem(service: Service, pool: Pool, ads: readonly Advertisement[], nodes: readonly Node[]): Why | null {
  const kind = ads[0]!.kind;
  const forService = ads.filter((ad) => anyMatch(ad.serviceSelectors, service.labels));
  if (kind === 'L2Advertisement' && metallbAnnotation(service, 'allow-shared-ip') !== null && forService.some((ad) => ad.serviceSelectors.length > 0)) {
    const withSelectors = forService.filter((ad) => ad.serviceSelectors.length > 0);
    return {
      code: 'shared-ip-with-service-selectors',
      message: `the service sets allow-shared-ip and L2Advertisement ${names(withSelectors)} has serviceSelectors: MetalLB's speakers do not announce such a service in layer 2`,
    };
  }
  if (forService.length === 0) {
    return { code: 'service-selectors-mismatch', message: `the serviceSelectors of ${kind} ${names(ads)} (selecting pool "${pool.name}") do not match the service's labels` };
  }
  // Without Node objects (manifests usually have none) nodeSelectors cannot be checked.
  if (nodes.length > 0 && !nodes.some((n) => usable(n) && forService.some((ad) => anyMatch(ad.nodeSelectors, n.labels)))) {
    return {
      code: 'no-eligible-node',
      message: `no node can announce it: the nodeSelectors of ${kind} ${names(forService)} match no node, or only nodes excluded from load balancers or with NetworkUnavailable`,
    };
  }
  return null;
}

/** Whether the configuration's answer for the pool depends on the service: only through advertisements' serviceSelectors. */
function selectsServices(pool: Pool, inputs: AnnouncementInputs): boolean {
  if (pool.origin === 'ConfigMap' && pool.protocol !== null) return false;
  return inputs.advertisements.some((ad) => ad.serviceSelectors.length > 0 && advertises(ad, pool));
}

/** How the configuration says the pool is announced, and why the service cannot be, if it cannot. */
function configured(service: Service, pool: Pool, inputs: AnnouncementInputs): { protocol: AnnouncementProtocol | null; why: Why | null } {
  // Legacy ConfigMap pools carry their protocol and announce every service from every node.
  if (pool.origin === 'ConfigMap' && pool.protocol !== null) return { protocol: pool.protocol, why: null };
  const ads = inputs.advertisements.filter((ad) => advertises(ad, pool));
  const l2 = ads.filter((ad) => ad.kind === 'L2Advertisement');
  const bgp = ads.filter((ad) => ad.kind === 'BGPAdvertisement');
  if (ads.length === 0) {
    return { protocol: null, why: { code: 'no-advertisement', message: `no L2Advertisement or BGPAdvertisement in namespace ${pool.namespace} selects pool "${pool.name}"` } };
  }
  const protocol: AnnouncementProtocol = l2.length > 0 && bgp.length > 0 ? 'layer2+bgp' : l2.length > 0 ? 'layer2' : 'bgp';
  const nodes = inputs.objects.nodes;
  const problems = [l2, bgp].filter((a) => a.length > 0).map((a) => protocolProblem(service, pool, a, nodes));
  // Announced by either protocol is announced.
  return { protocol, why: problems.some((p) => p === null) ? null : problems[0]! };
}

function protocolOf(l2: boolean, bgp: boolean): AnnouncementProtocol | null {
  return l2 && bgp ? 'layer2+bgp' : l2 ? 'layer2' : bgp ? 'bgp' : null;
}

/**
 * The announcement of an allocated service whose addresses are attributed to `pool` (null: in no pool).
 * Status objects are what the speakers do and win; without them the configuration can still prove that
 * nothing announces the service; otherwise, when MetalLB writes no status objects at all (before v0.14.4),
 * the state is unknown.
 */
export function announcementOf(service: Service, pool: Pool | null, inputs: AnnouncementInputs, key: string = serviceKey(service)): Announcement {
  const { objects } = inputs;
  const l2 = objects.l2Statuses(key);
  const bgp = objects.bgpStatuses(key);
  const peers: AnnouncementPeer[] = [];
  for (const st of bgp) {
    for (const name of st.peers) {
      const peer = objects.peer(name);
      const address = peer?.address ?? null;
      const target = address ?? peer?.interface ?? null;
      const session = peer && target !== null ? objects.session(st.node, target, peer.vrf) : undefined;
      peers.push({ name, address, node: st.node, state: session?.bgpStatus || 'unknown' });
    }
  }
  peers.sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  const nodes = uniqueSorted([...l2, ...bgp].map((s) => s.node));
  const interfaces = uniqueSorted(l2.flatMap((s) => s.interfaces));
  const plan: { protocol: AnnouncementProtocol | null; why: Why | null } = pool
    ? configured(service, pool, inputs)
    : { protocol: null, why: { code: 'no-pool', message: `its address is in no pool, so MetalLB's speakers do not announce it` } };
  const base = { protocol: protocolOf(l2.length > 0, bgp.length > 0) ?? plan.protocol, nodes, interfaces, peers };

  if (l2.length > 0 || bgp.length > 0) {
    const down = peers.filter(peerDown);
    if (l2.length === 0 && peers.length > 0 && down.length === peers.length) {
      const list = down.map((p) => `${p.name} from ${p.node}: ${p.state}`).join(', ');
      return { ...base, state: 'not-announced', reason: { code: 'bgp-peers-down', message: `every BGP session it is advertised over is down (${list})` } };
    }
    return { ...base, state: down.length > 0 ? 'partly' : 'announced', reason: null };
  }
  if (plan.why) return { ...base, state: 'not-announced', reason: plan.why };
  if (!objects.reportsStatus) return { ...base, state: 'unknown', reason: null };
  const invalid = objects.configurationStates.filter((c) => c.result === 'Invalid');
  if (invalid.length > 0) {
    const what = invalid.map((c) => `${c.name}: ${c.errorSummary || 'no summary'}`).join('; ');
    return { ...base, state: 'not-announced', reason: { code: 'metallb-config-invalid', message: `no speaker announces it and MetalLB's configuration is Invalid (${what})` } };
  }
  return {
    ...base,
    state: 'not-announced',
    reason: {
      code: 'no-speaker-announces',
      message: 'no ServiceL2Status or ServiceBGPStatus names it: MetalLB announces a service only while it has a ready endpoint (with externalTrafficPolicy Local, only from nodes that have one)',
    },
  };
}

function freeze(a: Announcement): Announcement {
  Object.freeze(a.nodes);
  Object.freeze(a.interfaces);
  Object.freeze(a.peers);
  if (a.reason) Object.freeze(a.reason);
  return Object.freeze(a);
}

/**
 * The announcements of one state of the inputs (make a new one when the pools, advertisements or announcement
 * objects change; `forget` a service that changes). A service no status
 * object names, in a pool no advertisement selects services for, gets its pool's announcement: one
 * frozen object shared by all such services, so a report of 100,000 services computes a handful.
 */
export class Announcer {
  private readonly byPool = new Map<Pool | null, Announcement>();
  /** The others, by service key: the report and the service-not-announced rule both ask. */
  private readonly byService = new Map<string, Announcement>();
  private readonly dependsOnService = new Map<Pool, boolean>();

  constructor(private readonly inputs: AnnouncementInputs) {}

  /** The announcement of the service `key` whose addresses are attributed to `pool` (see announcementOf). */
  of(service: Service, pool: Pool | null, key: string = serviceKey(service)): Announcement {
    const { objects } = this.inputs;
    if (objects.l2Statuses(key).length > 0 || objects.bgpStatuses(key).length > 0 || this.selects(pool)) {
      let own = this.byService.get(key);
      if (own === undefined) this.byService.set(key, (own = announcementOf(service, pool, this.inputs, key)));
      return own;
    }
    let shared = this.byPool.get(pool);
    if (shared === undefined) this.byPool.set(pool, (shared = freeze(announcementOf(service, pool, this.inputs, key))));
    return shared;
  }

  /** Forgets the service's own announcement (it changed or went); a pool's shared one depends on no service. */
  forget(key: string): void {
    this.byService.delete(key);
  }

  private selects(pool: Pool | null): boolean {
    if (pool === null) return false;
    let v = this.dependsOnService.get(pool);
    if (v === undefined) this.dependsOnService.set(pool, (v = selectsServices(pool, this.inputs)));
    return v;
  }
}
