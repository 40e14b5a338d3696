// Everything poolwatch knows about one service, from the ledger: handling, pool and why, addresses and sharers, pending reason, announcement, configuration, events, findings and next steps.
import { PoolConfig, type AllocatorPool } from '../allocator/pool-config.ts';
import { requestedIps } from '../allocator/requested-ips.ts';
import { formatIp } from '../address/index.ts';
import { reportTimestamp, type PoolLedger, type ServiceRecord } from '../analysis/ledger.ts';
import { handledByMetallb } from '../analysis/service-record.ts';
import { metallbAnnotation } from '../model/annotations.ts';
import { formatSelector } from '../model/selectors.ts';
import { formatLocation, serviceRef, type Service } from '../model/types.ts';
import { REPORT_API_VERSION } from '../report/json.ts';
import type { Announcement, Finding, Reason, ServiceState } from '../report/types.ts';
import { ANNOUNCEMENT_STEPS, FINDING_STEPS, PENDING_STEPS, type StepContext } from './next-steps.ts';

/** One Kubernetes Event about the service, as the cluster keeps it. */
export interface ServiceEvent {
  type: string;
  reason: string;
  message: string;
  count: number;
  /** RFC 3339, the event's last (or only) occurrence; null when the API gives none. */
  lastTimestamp: string | null;
  /** The component that reported it (`metallb-controller`, `metallb-speaker`, ...). */
  source: string | null;
}

/** What the edge read of the service's events: the list, or why there is none (manifests, the server, RBAC). */
export type EventsInput = { items: readonly ServiceEvent[] } | { notRead: string };

/** Manifests carry no events worth showing: what `explain` from files says instead. */
export const EVENTS_FROM_CLUSTER_ONLY: EventsInput = { notRead: 'events are read only from a cluster' };

/** At most this many events are shown, the newest; the rest are counted. */
export const MAX_EVENTS = 20;

export interface ExplainedPool {
  name: string;
  namespace: string;
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  /** spec.serviceAllocation.priority (null when unset). */
  priority: number | null;
  /** spec.serviceAllocation as a person reads it (`namespaces shop`, `services matching {app=web}`); empty without one. */
  serviceAllocation: string[];
  location: string | null;
}

export interface ExplainedAddress {
  ip: string;
  family: 'ipv4' | 'ipv6';
  /** Every pool holding it (MetalLB's view), in list order. */
  pools: string[];
  /** Other services holding the same address (`namespace/name`). */
  sharedWith: string[];
}

export interface ConfigurationStateFact {
  name: string;
  component: string;
  node: string | null;
  result: 'Valid' | 'Invalid' | 'Unknown';
  errorSummary: string;
}

/** The document `poolwatch explain -o json` prints and `GET /api/v1/services/{namespace}/{name}` answers (docs/cli.md). */
export interface ServiceExplanation {
  apiVersion: typeof REPORT_API_VERSION;
  kind: 'ServiceExplanation';
  generatedAt: string;
  service: {
    namespace: string;
    name: string;
    type: string;
    loadBalancerClass: string | null;
    externalTrafficPolicy: string | null;
    labels: Record<string, string>;
    location: string | null;
  };
  state: ServiceState;
  /** Whether MetalLB handles it, and why not when it does not. */
  handled: boolean;
  notHandledBecause: string | null;
  /** What the service asks MetalLB for, by annotation or field. */
  requested: { pool: string | null; addresses: string[]; from: string | null; sharingKey: string | null; allocatedFrom: string | null };
  /** The pool its addresses count towards (allocated), or the pool its pending reason concerns; null when none. */
  pool: ExplainedPool | null;
  /** Why that pool, or which pools MetalLB would try: sentences. */
  poolChoice: string[];
  addresses: ExplainedAddress[];
  /** Why it is pending (pending services only). */
  pending: Reason | null;
  announcement: Announcement | null;
  /** MetalLB's ConfigurationState objects (controller and each speaker); empty when MetalLB writes none. */
  configuration: ConfigurationStateFact[];
  /** `read`: from the cluster; `not-read`: from manifests, or the cluster would not say (`note` tells why). */
  events: { read: boolean; note: string | null; items: ServiceEvent[]; omitted: number };
  /** Findings whose objects name the service. */
  findings: Finding[];
  nextSteps: string[];
}

export interface ExplainOptions {
  now: Date;
  /** The service's events, or why there are none. */
  events: EventsInput;
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

function notHandledBecause(svc: Service, lbClass: string | null): string | null {
  if (handledByMetallb(svc, lbClass)) return null;
  if (svc.type !== 'LoadBalancer') return `spec.type is ${svc.type}, not LoadBalancer: MetalLB gives addresses only to LoadBalancer services`;
  if (lbClass === null) return `spec.loadBalancerClass is "${svc.loadBalancerClass}": MetalLB (without --lb-class) handles only services without a class`;
  return svc.loadBalancerClass === null
    ? `the service has no spec.loadBalancerClass, and this MetalLB handles only class "${lbClass}" (--lb-class)`
    : `spec.loadBalancerClass is "${svc.loadBalancerClass}", and this MetalLB handles only class "${lbClass}" (--lb-class)`;
}

function serviceAllocationText(ap: AllocatorPool): string[] {
  const sa = ap.pool.serviceAllocation;
  if (!sa) return [];
  const out: string[] = [];
  if (sa.priority !== null) out.push(`priority ${sa.priority}`);
  if (sa.namespaces.length > 0) out.push(`namespaces ${sa.namespaces.join(', ')}`);
  if (sa.namespaceSelectors.length > 0) out.push(`namespaces matching ${sa.namespaceSelectors.map(formatSelector).join(' or ')}`);
  if (sa.serviceSelectors.length > 0) out.push(`services matching ${sa.serviceSelectors.map(formatSelector).join(' or ')}`);
  return out;
}

function explainedPool(ap: AllocatorPool): ExplainedPool {
  const p = ap.pool;
  return {
    name: p.name,
    namespace: p.namespace,
    autoAssign: p.autoAssign,
    avoidBuggyIPs: p.avoidBuggyIPs,
    priority: p.serviceAllocation?.priority ?? null,
    serviceAllocation: serviceAllocationText(ap),
    location: formatLocation(p.location),
  };
}

const poolList = (pools: readonly AllocatorPool[]) => pools.map((p) => `"${p.name}"${p.rules && p.rules.priority > 0 ? ` (priority ${p.rules.priority})` : ''}`).join(', ');

/** The order MetalLB tries pools for a service that asks for none: the pools pinned to it, then the fallback pools. */
function candidateOrder(config: PoolConfig, svc: Service): string {
  const pinned = config.pinnedFor(svc);
  const fallback = config.fallback;
  const parts: string[] = [];
  if (pinned.length > 0) parts.push(`the pools spec.serviceAllocation pins to it, in order: ${poolList(pinned)}`);
  parts.push(fallback.length > 0 ? `${pinned.length > 0 ? 'then ' : ''}the autoAssign pools without serviceAllocation: ${poolList(fallback)}` : 'no autoAssign pool without serviceAllocation (no fallback)');
  return `MetalLB tries ${parts.join('; ')}`;
}

/** Why an allocated service's addresses count towards its pool. */
function allocatedChoice(rec: ServiceRecord, config: PoolConfig, requested: ServiceExplanation['requested']): string[] {
  const why: string[] = [];
  const pool = rec.pool;
  for (const a of rec.addresses) {
    const names = a.pools.map((p) => p.name);
    if (names.length === 0) why.push(`${a.text} is in no pool`);
    else if (names.length === 1) why.push(`${a.text} is in pool "${names[0]}"`);
    else {
      const rule = pool && rec.allocatedFrom === pool.name ? 'the pool metallb.io/ip-allocated-from-pool names' : 'the first by name: MetalLB picks among overlapping pools at random';
      why.push(`${a.text} is in pools ${quoted(names)}; it counts towards "${pool?.name}" (${rule})`);
    }
  }
  if (!pool) return why;
  if (requested.pool !== null) {
    why.push(`the service asks for pool "${requested.pool}" (metallb.io/address-pool)${requested.pool === pool.name ? '' : `, but its address is in pool "${pool.name}"`}`);
  }
  if (requested.addresses.length > 0) why.push(`the service asks for ${requested.addresses.join(', ')} (${requested.from})`);
  if (requested.pool !== null || requested.addresses.length > 0) return why;
  const ap = config.get(pool.name);
  if (!ap) return why;
  if (ap.rules) {
    const refused = config.incompatibility(ap, rec.service);
    why.push(
      refused === null
        ? `pool "${ap.name}" is pinned to the service by spec.serviceAllocation (${serviceAllocationText(ap).join('; ')}): MetalLB tries pinned pools first, lowest priority first`
        : `pool "${ap.name}" ${refused}, yet the service holds its address`,
    );
  } else if (!ap.autoAssign) {
    why.push(`pool "${ap.name}" has autoAssign: false and the service asks for neither the pool nor an address: MetalLB would not have chosen it`);
  } else {
    const pinned = config.pinnedFor(rec.service);
    why.push(
      pinned.length === 0
        ? `no pool is pinned to the service by spec.serviceAllocation, so MetalLB takes an autoAssign pool without one; "${ap.name}" is such a pool`
        : `pools ${poolList(pinned)} are pinned to the service and come first; "${ap.name}" is a fallback pool (autoAssign, no serviceAllocation), used when they had no room`,
    );
  }
  return why;
}

function requestedOf(svc: Service, rec: ServiceRecord): ServiceExplanation['requested'] {
  const pool = metallbAnnotation(svc, 'address-pool');
  const asked = requestedIps(svc);
  const ips = asked.ok && asked.value ? asked.value.ips.map((ip) => formatIp(ip.family, ip.value)) : [];
  const from = asked.ok ? (asked.value?.source ?? null) : null;
  return { pool: pool?.value ?? null, addresses: ips, from, sharingKey: rec.sharingKey, allocatedFrom: rec.allocatedFrom };
}

function eventsOf(input: EventsInput): ServiceExplanation['events'] {
  if ('notRead' in input) return { read: false, note: input.notRead, items: [], omitted: 0 };
  // Oldest first, as kubectl describe lists them; only the newest MAX_EVENTS.
  const sorted = [...input.items].sort((a, b) => ((a.lastTimestamp ?? '') < (b.lastTimestamp ?? '') ? -1 : (a.lastTimestamp ?? '') > (b.lastTimestamp ?? '') ? 1 : 0));
  const omitted = Math.max(0, sorted.length - MAX_EVENTS);
  return { read: true, note: null, items: sorted.slice(omitted), omitted };
}

function nextSteps(e: Omit<ServiceExplanation, 'nextSteps'>, c: StepContext): string[] {
  const steps: string[] = [];
  if (!e.handled) {
    steps.push(
      e.service.type !== 'LoadBalancer'
        ? `if MetalLB should give it an address: kubectl -n ${c.namespace} patch svc ${c.name} -p '{"spec":{"type":"LoadBalancer"}}'`
        : 'if MetalLB should handle it: remove spec.loadBalancerClass (set only at creation: recreate the service), or run MetalLB with the matching --lb-class',
    );
  }
  if (e.pending) steps.push(PENDING_STEPS[e.pending.code](c));
  const a = e.announcement;
  if (a?.reason) steps.push(ANNOUNCEMENT_STEPS[a.reason.code](c));
  if (a?.state === 'partly') {
    const down = a.peers.filter((p) => p.state !== 'Established' && p.state !== 'unknown');
    steps.push(`bring up the BGP sessions that are down (${down.map((p) => `${p.node} to ${p.name}: ${p.state}`).join(', ')}): kubectl get bgpsessionstates -A, then the router's side`);
  }
  if (a?.state === 'unknown') steps.push(`MetalLB writes no ServiceL2Status or ServiceBGPStatus here (before v0.14.4): read the speakers' logs (kubectl -n ${c.metallbNamespace} logs -l component=speaker) to see who announces it`);
  const invalid = e.configuration.filter((s) => s.result === 'Invalid');
  if (a?.reason?.code !== 'metallb-config-invalid' && invalid.length > 0) {
    steps.push(`MetalLB's configuration is Invalid on ${invalid.map((s) => s.name).join(', ')}: ${ANNOUNCEMENT_STEPS['metallb-config-invalid'](c)}`);
  }
  for (const code of new Set(e.findings.map((f) => f.code))) {
    const step = FINDING_STEPS[code]?.(c);
    if (step && !steps.includes(step)) steps.push(step);
  }
  if (steps.length === 0) steps.push(e.handled ? 'nothing: MetalLB gave the service its address and announces it' : 'nothing, if MetalLB is not meant to handle it');
  return steps;
}

/** The explanation of `namespace/name`, or null when the ledger has no such service. */
export function explainService(ledger: PoolLedger, key: string, options: ExplainOptions): ServiceExplanation | null {
  const rec = ledger.service(key);
  if (!rec) return null;
  const svc = rec.service;
  const config = new PoolConfig(
    ledger.pools.map((p) => p.pool),
    ledger.namespaces,
  );
  const requested = requestedOf(svc, rec);
  let pool: ExplainedPool | null = null;
  let poolChoice: string[] = [];
  let pending: Reason | null = null;
  if (rec.state === 'allocated') {
    const ap = rec.pool ? config.get(rec.pool.name) : undefined;
    pool = ap ? explainedPool(ap) : null;
    poolChoice = allocatedChoice(rec, config, requested);
  } else if (rec.state === 'pending') {
    pending = ledger.pendingReasons().get(key) ?? null;
    const concerned = ledger.pendingPools().get(key);
    const ap = concerned ? config.get(concerned) : undefined;
    pool = ap ? explainedPool(ap) : null;
    if (requested.pool === null && requested.addresses.length === 0) poolChoice = [candidateOrder(config, svc)];
    else {
      if (requested.pool !== null) poolChoice.push(`the service asks for pool "${requested.pool}" (metallb.io/address-pool)`);
      if (requested.addresses.length > 0) poolChoice.push(`the service asks for ${requested.addresses.join(', ')} (${requested.from})`);
    }
  }
  const addresses: ExplainedAddress[] = rec.addresses.map((a) => ({
    ip: a.text,
    family: a.family,
    pools: a.pools.map((p) => p.name),
    sharedWith: ledger
      .holdersOf(a.text)
      .filter((r) => r !== rec)
      .map((r) => r.key)
      .sort(),
  }));
  const ref = serviceRef(svc);
  const explanation: Omit<ServiceExplanation, 'nextSteps'> = {
    apiVersion: REPORT_API_VERSION,
    kind: 'ServiceExplanation',
    generatedAt: reportTimestamp(options.now),
    service: {
      namespace: svc.namespace,
      name: svc.name,
      type: svc.type,
      loadBalancerClass: svc.loadBalancerClass,
      externalTrafficPolicy: svc.externalTrafficPolicy,
      labels: svc.labels,
      location: formatLocation(svc.location),
    },
    state: rec.state,
    handled: rec.state !== 'ignored',
    notHandledBecause: notHandledBecause(svc, ledger.loadBalancerClass),
    requested,
    pool,
    poolChoice,
    addresses,
    pending,
    announcement: ledger.announcement(rec),
    configuration: ledger.announcementObjects.configurationStates.map((s) => ({ name: s.name, component: s.component, node: s.node, result: s.result, errorSummary: s.errorSummary })),
    events: eventsOf(options.events),
    findings: ledger.findings().filter((f) => f.objects.includes(ref)),
  };
  return { ...explanation, nextSteps: nextSteps(explanation, { namespace: svc.namespace, name: svc.name, metallbNamespace: ledger.options.metallbNamespace }) };
}
