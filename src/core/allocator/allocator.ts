// The MetalLB-faithful allocator: MetalLB's allocation rules over the ledger's address index (restore, allocate, release, explain).
/*
 * API (one instance models MetalLB's controller for one cluster; everything is synchronous and pure):
 *
 *   const a = new Allocator(pools, namespaces, { lbClass: null });   its own ledger holds the allocations
 *   Allocator.reading(ledger, options)                               plans and explains over a ledger it does
 *                                                                    not change (status, serve)
 *   Allocator.over(ledger, options)                                  restores and allocates in a ledger that
 *                                                                    holds the services already (simulate's report)
 *   a.setConfig(pools, namespaces)  -> StaleAllocation[]   new configuration; every holding is re-validated,
 *                                                           the ones it no longer allows are released and returned
 *   a.handles(svc)                  -> boolean             type LoadBalancer and MetalLB's loadBalancerClass
 *   a.restore(svc)                  -> RestoreResult       record the addresses the service holds
 *                                                           (status.loadBalancer.ingress), validated as MetalLB
 *                                                           re-validates them: { ok, pool, ips } or { ok: false, problem }
 *   a.plan(svc)                     -> AllocationResult    what MetalLB would assign now, changing nothing
 *   a.allocate(svc)                 -> AllocationResult    plan() and record it: { ok, pool, ips } or { ok: false, reason }
 *   a.release(svc | "ns/name")                             the service was deleted, or lost its addresses
 *   a.explainPending(svc, event?)   -> Reason              the one reason a service without an address is pending;
 *                                                           allocation-failed when an address is in fact free
 *                                                           (not-applied for a manifest never applied)
 *   a.holding("ns/name"), a.usage(pool)                    what a service holds; a pool's numbers per family
 *
 * Who holds which address lives in one place, the ledger's AddressIndex; the allocator adds only what is
 * its own: the next free address, the sharing rules and the order of pools. The lab plays MetalLB with
 * allocate/release; `simulate` restores and allocates over a ledger of the snapshot; status and serve
 * explain their ledger's pending services with Allocator.reading. Ties MetalLB breaks at random (pools of
 * equal priority, fallback pools, overlapping pools) are broken by pool name.
 */
import { formatIp, type IpAddress, type IpFamily } from '../address/index.ts';
import { PoolLedger } from '../analysis/ledger.ts';
import type { LedgerView, ServiceRecord } from '../analysis/ledger-view.ts';
import { strayCode } from '../analysis/findings/stray.ts';
import { handledByMetallb } from '../analysis/service-record.ts';
import type { FindingCode } from '../report/codes.ts';
import { ANNOTATION_PREFIX, metallbAnnotation } from '../model/annotations.ts';
import { serviceKey, type AllocationFailedEvent, type Namespace, type Pool, type Service } from '../model/types.ts';
import type { Reason } from '../report/types.ts';
import { AddressState, type HolderFilter, type Requester } from './address-state.ts';
import { fail, familyName, ok, type Outcome } from './outcome.ts';
import { autoFailure, noPoolMayServe, poolNumbers } from './pending-reasons.ts';
import { hasFamily, PoolConfig, type AllocatorPool } from './pool-config.ts';
import { requestedIps } from './requested-ips.ts';
import { familyOfAddresses, serviceFamily, serviceFamilyName, type FamilyNeed, type FamilyOptions } from './service-family.ts';
import { describeConflict, portsOf, shareKeyOf } from './sharing.ts';
import { allocationFailed } from './reasons/allocation-failed.ts';
import { notApplied } from './reasons/not-applied.ts';
import { invalidRequest } from './reasons/invalid-request.ts';
import { ipFamilyMismatch } from './reasons/ip-family-mismatch.ts';
import { noMatchingPool } from './reasons/no-matching-pool.ts';
import { requestedIpInUse } from './reasons/requested-ip-in-use.ts';
import { requestedIpNotInPool } from './reasons/requested-ip-not-in-pool.ts';
import { unknownPool } from './reasons/unknown-pool.ts';

export interface AllocatorOptions extends FamilyOptions {
  /** MetalLB's --lb-class: null (the default) handles only services without spec.loadBalancerClass. */
  lbClass?: string | null;
}

/** A failure carries the pool it concerns when one is known (the named pool, the one exhausted pool, the pool of a requested address). */
export type AllocationResult = { ok: true; pool: string; ips: string[] } | { ok: false; reason: Reason; pool: string | null };
/** A refused restore says why, and what `status` calls such a holding (see strayCode). */
export type RestoreResult = { ok: true; pool: string; ips: string[] } | { ok: false; problem: string; code: FindingCode };

/** An allocation a new configuration no longer allows (MetalLB clears it and allocates again). */
export interface StaleAllocation {
  service: string;
  pool: string;
  ips: string[];
  problem: string;
}

interface Choice {
  pool: AllocatorPool;
  ips: readonly IpAddress[];
}

const ALLOCATED_FROM = `${ANNOTATION_PREFIX}ip-allocated-from-pool`;

function text(ips: readonly IpAddress[]): string[] {
  return ips.map((ip) => formatIp(ip.family, ip.value));
}

function byFamily(ips: readonly IpAddress[]): IpAddress[] {
  return [...ips].sort((a, b) => (a.family === b.family ? 0 : a.family === 'ipv4' ? -1 : 1));
}

function sameSet(a: readonly IpAddress[], b: readonly IpAddress[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => y.family === x.family && y.value === x.value));
}

/** The service as it holds `ips` from `pool`: what MetalLB writes back (ingress and the ip-allocated-from-pool annotation). */
function holdingFrom(svc: Service, pool: string, ips: readonly string[]): Service {
  return { ...svc, ingressIPs: [...ips], annotations: { ...svc.annotations, [ALLOCATED_FROM]: pool } };
}

/** The reason of a manifest never applied that MetalLB would give `ips` from `pool`. */
export function notAppliedBecause(pool: string, ips: readonly string[]): Reason {
  return notApplied.because(`not applied yet (no creationTimestamp), so MetalLB has not seen it; it would get ${ips.join(', ')} from pool "${pool}" (poolwatch simulate shows what every new service gets)`);
}

export class Allocator {
  private config: PoolConfig;
  private readonly state: AddressState;
  private readonly options: AllocatorOptions;
  /** The ledger read (who holds which address), and the same ledger when this allocator may change it. */
  private readonly view: LedgerView;
  private readonly ledger: PoolLedger | null;

  constructor(pools: readonly Pool[] = [], namespaces: readonly Namespace[] = [], options: AllocatorOptions = {}, view: LedgerView | null = null, writable: PoolLedger | null = null) {
    this.options = options;
    if (view) {
      this.ledger = writable;
      this.view = view;
    } else {
      const ledger = new PoolLedger({ loadBalancerClass: options.lbClass ?? null, explainPending: null });
      ledger.setPools(pools);
      ledger.setNamespaces(namespaces);
      this.ledger = ledger;
      this.view = ledger;
    }
    this.config = new PoolConfig(pools, namespaces);
    this.state = new AddressState(this.view);
  }

  /** An allocator that plans and explains over a ledger it never changes (its pools and namespaces as the configuration). */
  static reading(view: LedgerView, options: AllocatorOptions = {}): Allocator {
    return new Allocator(view.pools.map((p) => p.pool), view.namespaces, options, view);
  }

  /** An allocator that restores and allocates in a ledger already holding the services (simulate's report then reads that ledger). */
  static over(ledger: PoolLedger, options: AllocatorOptions = {}): Allocator {
    return new Allocator(ledger.pools.map((p) => p.pool), ledger.namespaces, options, ledger, ledger);
  }

  get pools(): PoolConfig {
    return this.config;
  }

  private store(): PoolLedger {
    if (!this.ledger) throw new Error('this allocator only reads its ledger');
    return this.ledger;
  }

  /** Puts the services, as they are, into the allocator's ledger at once (before `keep` checks each, as `simulate` does). */
  load(services: readonly Service[]): void {
    this.store().loadServices(services);
  }

  /** Replaces the configuration and re-validates every holding in the order they were made. */
  setConfig(pools: readonly Pool[], namespaces: readonly Namespace[]): StaleAllocation[] {
    const ledger = this.store();
    const held = [...ledger.services()].filter((r) => r.state === 'allocated');
    this.config = new PoolConfig(pools, namespaces);
    ledger.loadServices([]);
    ledger.setPools(pools);
    ledger.setNamespaces(namespaces);
    const stale: StaleAllocation[] = [];
    for (const rec of held) {
      ledger.upsertService(rec.service);
      const r = this.keep(rec.key);
      if (!r.ok) stale.push({ service: rec.key, pool: rec.pool?.name ?? '', ips: rec.ips, problem: r.problem });
    }
    return stale;
  }

  handles(svc: Service): boolean {
    return handledByMetallb(svc, this.options.lbClass ?? null);
  }

  /**
   * Records the addresses the service holds in status.loadBalancer.ingress if MetalLB would keep them: they
   * lie in one pool that may serve the service (not a .0/.255 of an avoidBuggyIPs pool), match its family,
   * can share with the current holders, and agree with its address-pool annotation and requested addresses.
   */
  restore(svc: Service): RestoreResult {
    const key = serviceKey(svc);
    this.release(key);
    if (!this.handles(svc)) return { ok: false, problem: 'MetalLB does not handle this service (not type LoadBalancer, or another loadBalancerClass)', code: 'stale-allocation' };
    if (svc.ingressIPs.length === 0) return { ok: false, problem: 'the service holds no address', code: 'stale-allocation' };
    this.store().upsertService(svc);
    return this.keep(key);
  }

  /**
   * Whether MetalLB keeps what a service in the ledger holds (see restore); a holding it would not keep is
   * released. `counts` says which other holders count for sharing (all, unless restoring in order).
   */
  keep(key: string, counts: HolderFilter = null): RestoreResult {
    const ledger = this.store();
    const rec = ledger.service(key);
    if (!rec || rec.state !== 'allocated') return { ok: false, problem: 'the service holds no address', code: 'stale-allocation' };
    const r = this.validateRecord(rec, counts);
    if (!r.ok) {
      this.release(key);
      return r;
    }
    if (rec.pool?.name !== r.pool) ledger.upsertService(holdingFrom(rec.service, r.pool, rec.ips));
    return r;
  }

  private validateRecord(rec: ServiceRecord, counts: HolderFilter): RestoreResult {
    if (rec.unparsable.length > 0) return { ok: false, problem: `status.loadBalancer.ingress holds "${rec.unparsable[0]}", which is not an IP address`, code: 'invalid-address' };
    // Held addresses are addresses (family and value); their texts are the index's keys.
    const r = this.validate(rec.service, rec.addresses, this.requester(rec.service, rec.key), counts, rec.ips);
    return r.ok ? { ok: true, pool: r.value.pool.name, ips: rec.ips } : { ok: false, problem: r.reason.message, code: strayCode(rec) };
  }

  /** What MetalLB would assign the service now (it must hold nothing), without recording it. */
  plan(svc: Service): AllocationResult {
    if (!this.handles(svc)) {
      return { ok: false, reason: invalidRequest.because('MetalLB does not handle this service (not type LoadBalancer, or another loadBalancerClass)'), pool: null };
    }
    const r = this.decide(svc);
    return r.ok ? { ok: true, pool: r.value.pool.name, ips: text(r.value.ips) } : { ok: false, reason: r.reason, pool: r.pool ?? null };
  }

  /** Allocates as MetalLB's controller would and records the result. Any previous holding is released first. */
  allocate(svc: Service): AllocationResult {
    this.release(serviceKey(svc));
    if (!this.handles(svc)) return this.plan(svc);
    const r = this.decide(svc);
    if (!r.ok) return { ok: false, reason: r.reason, pool: r.pool ?? null };
    const ips = text(r.value.ips);
    this.store().upsertService(holdingFrom(svc, r.value.pool.name, ips));
    return { ok: true, pool: r.value.pool.name, ips };
  }

  release(svc: Service | string): void {
    const key = typeof svc === 'string' ? svc : serviceKey(svc);
    const slash = key.indexOf('/');
    this.store().removeService(key.slice(0, slash), key.slice(slash + 1));
  }

  /**
   * The reason a service that holds no address is pending. When poolwatch finds an address MetalLB could
   * give it, the reason is allocation-failed (MetalLB is behind, or its configuration did not load), with
   * MetalLB's own event message when there is one; for a manifest never applied (no creationTimestamp, no
   * event: MetalLB has not seen it), it is not-applied, naming what MetalLB would assign.
   */
  explainPending(svc: Service, event?: AllocationFailedEvent | null): Reason {
    return this.explain(svc, event).reason;
  }

  /** explainPending with the pool the reason concerns, when one is known (for metrics labelled by pool). */
  explain(svc: Service, event?: AllocationFailedEvent | null): { reason: Reason; pool: string | null } {
    const r = this.holding(serviceKey(svc)) ? null : this.plan(svc);
    if (r && !r.ok) return { reason: r.reason, pool: r.pool };
    const pool = r && r.ok ? r.pool : null;
    if (r && r.ok && !event && svc.creationTimestamp === null) return { reason: notAppliedBecause(r.pool, r.ips), pool };
    const where = r && r.ok ? `pool "${r.pool}" has ${r.ips.join(', ')} free for it` : 'poolwatch counts an address for it';
    const metallb = event ? `MetalLB reported: ${event.message}; yet` : 'MetalLB has not assigned an address, yet';
    const reason = allocationFailed.because(
      `${metallb} ${where}, so MetalLB may be behind or running on a stale configuration (see metallb_k8s_client_config_stale_bool and the controller's logs)`,
    );
    return { reason, pool };
  }

  holding(service: string): { pool: string; ips: string[] } | undefined {
    const rec = this.view.service(service);
    return rec && rec.state === 'allocated' && rec.addresses.length > 0 ? { pool: rec.pool?.name ?? '', ips: rec.ips } : undefined;
  }

  /** In use (distinct addresses) and usable per family; null for a family the pool does not have. */
  usage(pool: string): Record<IpFamily, { inUse: bigint; total: bigint } | null> | null {
    const p = this.config.get(pool);
    if (!p) return null;
    const one = (f: IpFamily) => (hasFamily(p, f) ? { inUse: BigInt(this.state.inUse(pool, f)), total: p.total[f] } : null);
    return { ipv4: one('ipv4'), ipv6: one('ipv6') };
  }

  private requester(svc: Service, key: string = serviceKey(svc)): Requester {
    return { service: key, ports: portsOf(svc), key: shareKeyOf(svc) };
  }

  /** MetalLB's convergeBalancer checks for addresses a service already holds. */
  private validate(svc: Service, ips: readonly IpAddress[], who: Requester, counts: HolderFilter, texts: readonly string[]): Outcome<Choice> {
    const need = serviceFamily(svc, this.options);
    if (!need.ok) return need;
    const held = familyOfAddresses(ips.map((ip) => ip.family));
    if (!held) return fail(invalidRequest, `the service holds ${text(ips).join(', ')}, which is not one address or one of each family`);
    const prefersDual = need.value.family === 'dual' && need.value.policy === 'PreferDualStack';
    // Without clusterIPs (a manifest, not a live object) the family is only a guess: the held addresses say more.
    if (held !== need.value.family && !prefersDual && !need.value.predicted) {
      return fail(ipFamilyMismatch, `the service holds ${text(ips).join(', ')} (${serviceFamilyName(held)}) but is ${serviceFamilyName(need.value.family)}`);
    }
    const assigned = this.assignable(svc, ips, who, counts, texts);
    if (!assigned.ok) return assigned;
    const wantedPool = metallbAnnotation(svc, 'address-pool');
    if (wantedPool && wantedPool.value !== '' && wantedPool.value !== assigned.value.pool.name) {
      return fail(invalidRequest, `${wantedPool.key} asks for pool "${wantedPool.value}", but ${text(ips).join(', ')} is in pool "${assigned.value.pool.name}"`);
    }
    const requested = requestedIps(svc);
    if (requested.ok && requested.value && !sameSet(requested.value.ips, ips)) {
      return fail(invalidRequest, `${requested.value.source} asks for ${text(requested.value.ips).join(', ')}, not ${text(ips).join(', ')}`);
    }
    return assigned;
  }

  /** MetalLB's Assign: one pool holds every address, may serve the service, and every address can be shared. */
  private assignable(svc: Service, ips: readonly IpAddress[], who: Requester, counts: HolderFilter = null, texts: readonly string[] | null = null): Outcome<Choice> {
    const pool = this.config.poolFor(ips, metallbAnnotation(svc, 'ip-allocated-from-pool')?.value ?? null);
    if (!pool) return fail(requestedIpNotInPool, this.notInPool(ips), this.config.poolsHolding(ips[0]!)[0]?.name ?? null);
    const why = this.config.incompatibility(pool, svc);
    if (why) return fail(requestedIpNotInPool, `${text(ips).join(', ')} ${ips.length > 1 ? 'are' : 'is'} in pool "${pool.name}", which ${why}`, pool.name);
    for (let i = 0; i < ips.length; i++) {
      const ip = ips[i]!;
      const c = this.state.conflict(ip, who, counts, texts?.[i]);
      if (c) return fail(requestedIpInUse, `${formatIp(ip.family, ip.value)} is ${describeConflict(c, who.key)}`, pool.name);
    }
    return ok({ pool, ips });
  }

  private notInPool(ips: readonly IpAddress[]): string {
    for (const ip of ips) {
      const shown = formatIp(ip.family, ip.value);
      if (this.config.poolsHolding(ip).length > 0) continue;
      const buggy = this.config.all.find((p) => p.avoidBuggyIPs && p.entries.some((r) => r.family === ip.family && r.start <= ip.value && ip.value <= r.end));
      if (buggy) return `${shown} ends in .0 or .255 and pool "${buggy.name}" has avoidBuggyIPs, so MetalLB never hands it out`;
      return `${shown} is in no address pool`;
    }
    const where = ips.map((ip) => `${formatIp(ip.family, ip.value)} in "${this.config.poolsHolding(ip)[0]?.name}"`);
    return `MetalLB takes all of a service's addresses from one pool, but ${where.join(' and ')} are in different pools`;
  }

  /** MetalLB's allocateIPs: requested addresses, then the address-pool annotation, then automatic selection. */
  private decide(svc: Service): Outcome<Choice> {
    const needed = serviceFamily(svc, this.options);
    if (!needed.ok) return needed;
    const need = needed.value;
    const requested = requestedIps(svc);
    if (!requested.ok) return requested;
    const wanted = metallbAnnotation(svc, 'address-pool');
    const poolName = wanted && wanted.value !== '' ? wanted.value : null;
    if (poolName !== null && !this.config.get(poolName)) {
      const known = this.config.all.map((p) => `"${p.name}"`);
      return fail(unknownPool, `${wanted!.key} names pool "${poolName}", which does not exist${known.length ? ` (pools: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''})` : ' (no pools are configured)'}`, poolName);
    }
    if (requested.value) {
      const req = requested.value;
      if (req.family !== need.family) {
        return fail(ipFamilyMismatch,
          `${req.source} asks for ${text(req.ips).join(', ')} (${serviceFamilyName(req.family)}) but the service is ${serviceFamilyName(need.family)}`,
        );
      }
      const assigned = this.assignable(svc, req.ips, this.requester(svc));
      if (!assigned.ok) return assigned;
      if (poolName !== null && assigned.value.pool.name !== poolName) {
        return fail(invalidRequest, `${req.source} asks for ${text(req.ips).join(', ')} in pool "${assigned.value.pool.name}", but ${wanted!.key} asks for pool "${poolName}"`, poolName);
      }
      return assigned;
    }
    const who = this.requester(svc);
    if (poolName !== null) return this.fromNamedPool(svc, this.config.get(poolName)!, need, who, wanted!.key);
    if (this.config.all.length === 0) return { ok: false, reason: noPoolMayServe(svc, this.config) };
    const pinned = this.config.pinnedFor(svc);
    const fromPinned = this.bestPool(pinned, need, who);
    if (fromPinned) return ok(fromPinned);
    const fromFallback = this.bestPool(this.config.fallback, need, who);
    if (fromFallback) return ok(fromFallback);
    const considered = [...new Set([...pinned, ...this.config.fallback])];
    if (considered.length === 0) return { ok: false, reason: noPoolMayServe(svc, this.config) };
    // Several pools considered: no one pool to name.
    return { ok: false, reason: autoFailure(considered, need, who, this.state, 'that may serve it'), pool: considered.length === 1 ? considered[0]!.name : null };
  }

  /** MetalLB's AllocateFromPool: the named pool only, even with autoAssign false. */
  private fromNamedPool(svc: Service, pool: AllocatorPool, need: FamilyNeed, who: Requester, annotation: string): Outcome<Choice> {
    const why = this.config.incompatibility(pool, svc);
    if (why) return fail(noMatchingPool, `${annotation} names pool "${pool.name}", which ${why}`, pool.name);
    const picked = this.pick(pool, need, who);
    if (picked) return ok({ pool, ips: picked });
    if (need.family !== 'dual' && !hasFamily(pool, need.family)) {
      return fail(ipFamilyMismatch, `${annotation} names pool "${pool.name}", which has no ${familyName(need.family)} addresses, and the service is ${familyName(need.family)}`, pool.name);
    }
    return { ok: false, reason: autoFailure([pool], need, who, this.state, `named by ${annotation}`), pool: pool.name };
  }

  /** The addresses the pool yields for the service's family and policy (selectIPsForFamilyAndPolicy), or null. */
  private pick(pool: AllocatorPool, need: FamilyNeed, who: Requester): IpAddress[] | null {
    if (need.family !== 'dual') {
      const ip = this.state.nextFree(pool, need.family, who);
      return ip ? [ip] : null;
    }
    const v4 = this.state.nextFree(pool, 'ipv4', who);
    const v6 = this.state.nextFree(pool, 'ipv6', who);
    if (v4 && v6) return [v4, v6];
    if (need.policy !== 'PreferDualStack') return null;
    return v4 ? [v4] : v6 ? [v6] : null;
  }

  /**
   * MetalLB's findBestPoolForService over pools in order: the first pool with the service's family; for dual
   * stack the first pool with both, and with PreferDualStack, failing that, the first pool with the primary
   * family, then the first with the other.
   */
  private bestPool(pools: readonly AllocatorPool[], need: FamilyNeed, who: Requester): Choice | null {
    if (need.family !== 'dual') {
      for (const pool of pools) {
        const ip = this.state.nextFree(pool, need.family, who);
        if (ip) return { pool, ips: [ip] };
      }
      return null;
    }
    const secondary: IpFamily = need.primary === 'ipv4' ? 'ipv6' : 'ipv4';
    let primaryOnly: Choice | null = null;
    let secondaryOnly: Choice | null = null;
    for (const pool of pools) {
      const p = this.state.nextFree(pool, need.primary, who);
      const s = this.state.nextFree(pool, secondary, who);
      if (p && s) return { pool, ips: byFamily([p, s]) };
      if (need.policy !== 'PreferDualStack') continue;
      if (p && !primaryOnly) primaryOnly = { pool, ips: [p] };
      if (s && !secondaryOnly) secondaryOnly = { pool, ips: [s] };
    }
    return primaryOnly ?? secondaryOnly;
  }

  /** For messages and tests: the pool's numbers as `3/254 IPv4`. */
  numbers(pool: string): string | null {
    const p = this.config.get(pool);
    return p ? poolNumbers(p, this.state) : null;
  }
}
