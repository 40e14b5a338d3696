// The incremental pool ledger: pools, advertisements and services go in one event at a time; usage, findings and reports come out.
//
// Cost model (what the watch source relies on):
// - upsertService / removeService: O(addresses of the service * log(pool entries)); no other
//   service or pool is visited.
// - setPools: O(pool entries * log + services * their addresses * log), pools change rarely.
// - poolUsage reads (PoolState.usage): O(1) per pool and family.
// - findings() / report(): O(pools + services), cached until the next change.
import { findOverlaps, formatIp, isBuggyIp, RangeIndex, tryParseIp, type IpFamily, type LabelledRange, type Overlap } from '../address/index.ts';
import { metallbAnnotation } from '../model/annotations.ts';
import { serviceKey, type Advertisement, type AllocationFailedEvent, type InputProblem, type Namespace, type Pool, type Service } from '../model/types.ts';
import type { Finding, PoolReport, Reason, Report, ServiceReport } from '../report/types.ts';
import { compareFindings } from './findings/finding.ts';
import { findingRules } from './findings/index.ts';
import type { HeldAddress, LedgerView, PoolEntryRef, ServiceRecord } from './ledger-view.ts';
import { resolveOptions, type AnalysisOptions, type ResolvedOptions } from './options.ts';
import { PoolState } from './pool-state.ts';

export type { HeldAddress, LedgerView, PoolEntryRef, ServiceRecord } from './ledger-view.ts';

const NO_HOLDERS: readonly ServiceRecord[] = [];

/** Whether MetalLB's controller handles the service (type LoadBalancer and the matching loadBalancerClass). */
export function handledByMetallb(svc: Service, loadBalancerClass: string | null): boolean {
  if (svc.type !== 'LoadBalancer') return false;
  return svc.loadBalancerClass === loadBalancerClass;
}

export class PoolLedger implements LedgerView {
  readonly options: ResolvedOptions;
  private poolStates: PoolState[] = [];
  private byName = new Map<string, PoolState>();
  private index = new RangeIndex<PoolState>([]);
  private poolOverlaps: Overlap<PoolEntryRef>[] = [];
  private ads: Advertisement[] = [];
  private nss: Namespace[] = [];
  private inputProblems: InputProblem[] = [];
  private readonly records = new Map<string, ServiceRecord>();
  private readonly pending = new Set<ServiceRecord>();
  private readonly holderMap: Record<IpFamily, Map<bigint, ServiceRecord[]>> = { ipv4: new Map(), ipv6: new Map() };
  private readonly contestedSet: Record<IpFamily, Set<bigint>> = { ipv4: new Set(), ipv6: new Set() };
  private readonly events = new Map<string, AllocationFailedEvent>();
  private cache: { findings: Finding[]; reasons: Map<string, Reason> } | null = null;
  /** Increases on every change; readers may use it to skip work. */
  version = 0;

  constructor(options: AnalysisOptions = {}) {
    this.options = resolveOptions(options);
  }

  // ---- writes -------------------------------------------------------------------------------

  /** Replaces every pool; services are re-attributed to the new pools. */
  setPools(pools: readonly Pool[]): void {
    this.poolStates = pools.map((p, i) => new PoolState(p, i));
    this.byName = new Map();
    for (const s of this.poolStates) if (!this.byName.has(s.name)) this.byName.set(s.name, s);
    const merged: LabelledRange<PoolState>[] = [];
    const entries: LabelledRange<PoolEntryRef>[] = [];
    for (const s of this.poolStates) {
      for (const range of s.merged) merged.push({ range, label: s });
      s.pool.addresses.forEach((a, entry) => {
        if (a.range) entries.push({ range: a.range, label: { pool: s, entry } });
      });
    }
    this.index = new RangeIndex(merged);
    this.poolOverlaps = findOverlaps(entries);
    for (const rec of this.records.values()) {
      if (rec.state === 'ignored') continue;
      this.attribute(rec);
      this.count(rec, +1);
    }
    this.changed();
  }

  setAdvertisements(ads: readonly Advertisement[]): void {
    this.ads = [...ads];
    this.changed();
  }

  setNamespaces(namespaces: readonly Namespace[]): void {
    this.nss = [...namespaces];
    this.changed();
  }

  /** Problems met while reading the input (reported as findings). */
  setProblems(problems: readonly InputProblem[]): void {
    this.inputProblems = [...problems];
    this.changed();
  }

  /** Adds or replaces a service (keyed by namespace/name). */
  upsertService(svc: Service): void {
    const key = serviceKey(svc);
    const old = this.records.get(key);
    if (old) this.detach(old);
    const rec = this.build(key, svc);
    this.records.set(key, rec);
    this.attach(rec);
    this.changed();
  }

  removeService(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    const old = this.records.get(key);
    if (!old) return;
    this.detach(old);
    this.records.delete(key);
    this.changed();
  }

  /** Records MetalLB's AllocationFailed event for a service (the newest one wins). */
  upsertEvent(ev: AllocationFailedEvent): void {
    const key = `${ev.namespace}/${ev.serviceName}`;
    const old = this.events.get(key);
    if (old && old.lastTimestamp && ev.lastTimestamp && old.lastTimestamp > ev.lastTimestamp) return;
    this.events.set(key, ev);
    this.changed();
  }

  removeEvent(namespace: string, serviceName: string): void {
    if (this.events.delete(`${namespace}/${serviceName}`)) this.changed();
  }

  private changed(): void {
    this.cache = null;
    this.version++;
  }

  private build(key: string, svc: Service): ServiceRecord {
    const state = !handledByMetallb(svc, this.options.loadBalancerClass) ? 'ignored' : svc.ingressIPs.length === 0 ? 'pending' : 'allocated';
    const addresses: HeldAddress[] = [];
    const unparsable: string[] = [];
    if (state !== 'ignored') {
      for (const text of svc.ingressIPs) {
        const ip = tryParseIp(text);
        if (!ip) unparsable.push(text);
        else if (!addresses.some((a) => a.family === ip.family && a.value === ip.value)) {
          addresses.push({ family: ip.family, value: ip.value, text: formatIp(ip.family, ip.value), pool: null });
        }
      }
    }
    const sharing = metallbAnnotation(svc, 'allow-shared-ip');
    return { key, service: svc, state, addresses, unparsable, pool: null, sharingKey: sharing ? sharing.value : null };
  }

  /** Picks each address's pool: the annotated pool when it holds the address, else the first pool that does. */
  private attribute(rec: ServiceRecord): void {
    const annotated = metallbAnnotation(rec.service, 'ip-allocated-from-pool')?.value ?? null;
    rec.pool = null;
    for (const a of rec.addresses) {
      const holding = this.poolsHolding(a.family, a.value);
      a.pool = (annotated !== null ? holding.find((p) => p.name === annotated) : undefined) ?? holding[0] ?? null;
      if (rec.pool === null) rec.pool = a.pool;
    }
  }

  /** Adds (+1) or removes (-1) the record's addresses from its pools' counters. */
  private count(rec: ServiceRecord, sign: 1 | -1): void {
    let seen: PoolState | null = null;
    let seenMore: Set<PoolState> | null = null;
    for (const a of rec.addresses) {
      if (!a.pool) continue;
      if (sign > 0) a.pool.add(a.family, a.value, rec.service.namespace);
      else a.pool.remove(a.family, a.value, rec.service.namespace);
      // services per pool: count each pool once per service
      if (seen === null) seen = a.pool;
      else if (a.pool !== seen) (seenMore ??= new Set()).add(a.pool);
    }
    if (seen) seen.services += sign;
    if (seenMore) for (const p of seenMore) if (p !== seen) p.services += sign;
  }

  private attach(rec: ServiceRecord): void {
    if (rec.state === 'ignored') return;
    if (rec.state === 'pending') this.pending.add(rec);
    this.attribute(rec);
    this.count(rec, +1);
    for (const a of rec.addresses) {
      const m = this.holderMap[a.family];
      const list = m.get(a.value);
      if (!list) m.set(a.value, [rec]);
      else {
        list.push(rec);
        if (list.length === 2) this.contestedSet[a.family].add(a.value);
      }
    }
  }

  private detach(rec: ServiceRecord): void {
    if (rec.state === 'ignored') return;
    this.pending.delete(rec);
    this.count(rec, -1);
    for (const a of rec.addresses) {
      const m = this.holderMap[a.family];
      const list = m.get(a.value);
      if (!list) continue;
      const i = list.indexOf(rec);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) m.delete(a.value);
      if (list.length < 2) this.contestedSet[a.family].delete(a.value);
    }
  }

  // ---- reads --------------------------------------------------------------------------------

  get pools(): readonly PoolState[] {
    return this.poolStates;
  }
  get advertisements(): readonly Advertisement[] {
    return this.ads;
  }
  get namespaces(): readonly Namespace[] {
    return this.nss;
  }
  get problems(): readonly InputProblem[] {
    return this.inputProblems;
  }
  poolByName(name: string): PoolState | undefined {
    return this.byName.get(name);
  }
  poolsHolding(family: IpFamily, value: bigint): readonly PoolState[] {
    const found = this.index.lookup(family, value);
    if (found.length === 0 || !isBuggyIp(family, value)) return found;
    // MetalLB never hands out, nor accepts, a .0/.255 address from an avoidBuggyIPs pool.
    return found.filter((p) => !p.pool.avoidBuggyIPs);
  }
  services(): Iterable<ServiceRecord> {
    return this.records.values();
  }
  service(key: string): ServiceRecord | undefined {
    return this.records.get(key);
  }
  serviceCount(): number {
    return this.records.size;
  }
  pendingServices(): Iterable<ServiceRecord> {
    return this.pending;
  }
  holders(family: IpFamily, value: bigint): readonly ServiceRecord[] {
    return this.holderMap[family].get(value) ?? NO_HOLDERS;
  }
  *contested(): Iterable<{ family: IpFamily; value: bigint; holders: readonly ServiceRecord[] }> {
    for (const family of ['ipv4', 'ipv6'] as const) {
      for (const value of this.contestedSet[family]) yield { family, value, holders: this.holders(family, value) };
    }
  }
  overlaps(): readonly Overlap<PoolEntryRef>[] {
    return this.poolOverlaps;
  }
  event(key: string): AllocationFailedEvent | undefined {
    return this.events.get(key);
  }

  /** Why each pending service has no address: the explainer's reason, else MetalLB's event. */
  pendingReasons(): ReadonlyMap<string, Reason> {
    return this.evaluate().reasons;
  }

  /** Every current finding, in a stable order; recomputed only after a change. */
  findings(): readonly Finding[] {
    return this.evaluate().findings;
  }

  private evaluate(): { findings: Finding[]; reasons: Map<string, Reason> } {
    if (this.cache) return this.cache;
    const reasons = new Map<string, Reason>();
    if (this.pending.size > 0) {
      const explained = this.options.explainPending?.([...this.pending].map((r) => r.service), this);
      for (const rec of this.pending) {
        const reason = explained?.get(rec.key);
        const ev = this.events.get(rec.key);
        if (reason) reasons.set(rec.key, reason);
        else if (ev) reasons.set(rec.key, { code: 'allocation-failed', message: ev.message });
      }
    }
    const findings: Finding[] = [];
    const ctx = { ledger: this, options: this.options, reasons };
    for (const rule of findingRules) findings.push(...rule.evaluate(ctx));
    findings.sort(compareFindings);
    this.cache = { findings, reasons };
    return this.cache;
  }

  /** The full report at time `now` (pools in input order, services sorted by namespace/name). */
  report(now: Date): Report {
    const reasons = this.pendingReasons();
    const pools: PoolReport[] = this.poolStates.map((s) => {
      const namespaces: PoolReport['namespaces'] = {};
      for (const ns of [...s.byNamespace.keys()].sort()) {
        const c = s.byNamespace.get(ns)!;
        namespaces[ns] = { ipv4: BigInt(c.ipv4.size), ipv6: BigInt(c.ipv6.size) };
      }
      return {
        name: s.name,
        namespace: s.pool.namespace,
        autoAssign: s.pool.autoAssign,
        avoidBuggyIPs: s.pool.avoidBuggyIPs,
        priority: s.pool.serviceAllocation?.priority ?? null,
        addresses: s.pool.addresses.map((a) => a.text),
        ipv4: s.usage('ipv4'),
        ipv6: s.usage('ipv6'),
        services: s.services,
        namespaces,
      };
    });
    const keys = [...this.records.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const services: ServiceReport[] = keys.map((key) => {
      const rec = this.records.get(key)!;
      return {
        namespace: rec.service.namespace,
        name: rec.service.name,
        state: rec.state,
        pool: rec.pool?.name ?? null,
        ips: rec.addresses.map((a) => a.text),
        sharingKey: rec.sharingKey,
        simulated: false,
        reason: rec.state === 'pending' ? (reasons.get(key) ?? null) : null,
      };
    });
    return { generatedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), pools, services, findings: [...this.findings()] };
  }
}
