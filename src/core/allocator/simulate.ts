// Whole-snapshot runs of the allocator: `simulate` (what MetalLB will do with these manifests) and `explainPending` (why services wait).
/*
 * simulate(snapshot, options) -> Simulation
 *   Keeps every existing allocation MetalLB would keep, then allocates, in creationTimestamp order (input
 *   order when absent, after the dated ones), for every MetalLB service without an address and every service
 *   whose allocation is stale, committing each result before the next, as MetalLB's controller does.
 *   Returns one SimulatedService per input service (input order) and the snapshot as it would look after.
 *
 * explainPending(snapshot, options) -> Map<"ns/name", Reason>
 *   For every MetalLB service that holds no address: the one reason it is pending, judged against the
 *   allocations that exist (each pending service on its own, nothing committed), with allocation-failed
 *   when an address is in fact free.
 */
import { ANNOTATION_PREFIX } from '../model/annotations.ts';
import { latestEvents } from '../analysis/events.ts';
import type { ClusterSnapshot } from '../model/snapshot.ts';
import { serviceKey, type Service } from '../model/types.ts';
import type { FindingCode } from '../report/codes.ts';
import type { Reason } from '../report/types.ts';
import type { PoolLedger } from '../analysis/ledger.ts';
import { Allocator, type AllocatorOptions, type RestoreResult } from './allocator.ts';

export interface SimulatedService {
  service: Service;
  state: 'allocated' | 'pending' | 'ignored';
  pool: string | null;
  ips: string[];
  /** True when the simulation assigned the addresses (new, or moved from a stale allocation). */
  simulated: boolean;
  reason: Reason | null;
  /** The pool the reason concerns, when one is known. */
  reasonPool: string | null;
  /** The allocation the service held that MetalLB would drop, why, and what `status` calls it; null when there was none. */
  stale: { ips: string[]; pool: string | null; problem: string; code: FindingCode } | null;
}

export interface Simulation {
  services: SimulatedService[];
  /** The input snapshot with the simulated addresses written into the services. */
  snapshot: ClusterSnapshot;
  /** The allocator in its final state (for pool numbers). */
  allocator: Allocator;
}

/** MetalLB's order of two creationTimestamps: older first, dated before undated; 0 when it does not tell them apart. */
export function compareCreation(ta: string | null, tb: string | null): number {
  if (ta && tb && ta !== tb) return ta < tb ? -1 : 1;
  if (ta && !tb) return -1;
  if (!ta && tb) return 1;
  return 0;
}

/** Positions of the services in the order MetalLB's controller meets them: oldest first; undated ones (not applied yet) after, in input order. */
export function processingOrderIndices(services: readonly Pick<Service, 'creationTimestamp'>[]): number[] {
  const idx = services.map((_, i) => i);
  if (!services.some((s) => s.creationTimestamp)) return idx;
  return idx.sort((a, b) => compareCreation(services[a]!.creationTimestamp, services[b]!.creationTimestamp) || a - b);
}

/** The services in the order MetalLB's controller meets them (see processingOrderIndices). */
export function processingOrder<T extends Pick<Service, 'creationTimestamp'>>(services: readonly T[]): T[] {
  return processingOrderIndices(services).map((i) => services[i]!);
}

/**
 * Restores, oldest first, every allocation MetalLB would keep; returns per position the result or the
 * problem. The services go into the allocator's ledger at once; each is then checked in MetalLB's order,
 * sharing judged against the holders kept so far, and released when MetalLB would not keep it.
 */
function restoreAll(snapshot: ClusterSnapshot, order: readonly number[], options: AllocatorOptions, ledger: PoolLedger | null = null) {
  let allocator: Allocator;
  if (ledger) allocator = Allocator.over(ledger, options);
  else {
    allocator = new Allocator(snapshot.pools, snapshot.namespaces, options);
    allocator.load(snapshot.services);
  }
  const kept: Array<RestoreResult | undefined> = new Array(snapshot.services.length);
  /** The key of each service restored (made once: a key's hash is kept with the string). */
  const keyAt: Array<string | undefined> = new Array(snapshot.services.length);
  const keys = new Set<string>();
  const counts = (key: string) => keys.has(key);
  for (const i of order) {
    const svc = snapshot.services[i]!;
    if (svc.ingressIPs.length === 0 || !allocator.handles(svc)) continue;
    const key = (keyAt[i] = serviceKey(svc));
    const r = allocator.keep(key, counts);
    kept[i] = r;
    if (r.ok) keys.add(key);
  }
  return { allocator, kept, keyAt };
}

/**
 * `ledger`, when given, is a ledger of this very snapshot (its pools, namespaces and services) that the
 * simulation may change: it then holds the snapshot after the simulation, for a report without a second load.
 */
export function simulate(snapshot: ClusterSnapshot, options: AllocatorOptions = {}, ledger: PoolLedger | null = null): Simulation {
  const order = processingOrderIndices(snapshot.services);
  const { allocator, kept, keyAt } = restoreAll(snapshot, order, options, ledger);
  const services: SimulatedService[] = new Array(snapshot.services.length);
  for (const i of order) {
    const svc = snapshot.services[i]!;
    if (!allocator.handles(svc)) {
      services[i] = { service: svc, state: 'ignored', pool: null, ips: [], simulated: false, reason: null, reasonPool: null, stale: null };
      continue;
    }
    const held = kept[i];
    if (held?.ok) {
      services[i] = { service: svc, state: 'allocated', pool: held.pool, ips: held.ips, simulated: false, reason: null, reasonPool: null, stale: null };
      continue;
    }
    const staleInfo = held && !held.ok
      ? { ips: svc.ingressIPs, pool: svc.annotations[`${ANNOTATION_PREFIX}ip-allocated-from-pool`] ?? null, problem: held.problem, code: held.code }
      : null;
    const r = allocator.allocate(svc);
    services[i] = r.ok
      ? { service: svc, state: 'allocated', pool: r.pool, ips: r.ips, simulated: true, reason: null, reasonPool: null, stale: staleInfo }
      : { service: svc, state: 'pending', pool: null, ips: [], simulated: false, reason: r.reason, reasonPool: r.pool, stale: staleInfo };
  }
  const after: ClusterSnapshot = {
    ...snapshot,
    services: services.map((r) => {
      if (!r.simulated && !r.stale) return r.service;
      const annotations = { ...r.service.annotations };
      if (r.pool) annotations[`${ANNOTATION_PREFIX}ip-allocated-from-pool`] = r.pool;
      else delete annotations[`${ANNOTATION_PREFIX}ip-allocated-from-pool`];
      return { ...r.service, ingressIPs: r.ips, annotations };
    }),
  };
  if (ledger) {
    // The ledger took each change as MetalLB would make it; it now gets every service the allocator touched
    // exactly as written after (in input order: for a name given twice, the last wins, as in a fresh load).
    for (let i = 0; i < after.services.length; i++) {
      if (services[i]!.state === 'ignored') continue;
      const svc = after.services[i]!;
      const key = keyAt[i];
      if (key !== undefined && kept[i]!.ok && ledger.service(key)?.service === svc) continue;
      ledger.upsertService(svc);
    }
  }
  return { services, snapshot: after, allocator };
}

export function explainPending(snapshot: ClusterSnapshot, options: AllocatorOptions = {}): Map<string, Reason> {
  const { allocator } = restoreAll(snapshot, processingOrderIndices(snapshot.services), options);
  const events = latestEvents(snapshot.events);
  const out = new Map<string, Reason>();
  for (const svc of snapshot.services) {
    if (!allocator.handles(svc) || svc.ingressIPs.length > 0) continue;
    const key = serviceKey(svc);
    out.set(key, allocator.explainPending(svc, events.get(key)));
  }
  return out;
}
