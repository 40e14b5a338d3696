// The incremental pool ledger: pools, advertisements and services go in one event at a time; usage, findings and reports come out.
//
// Cost model (what the watch source relies on):
// - upsertService / removeService: O(addresses of the service * log(pool entries)); no other
//   service or pool is visited.
// - setPools: O(pool entries * log + services * their addresses * log), pools change rarely.
// - poolUsage reads (PoolState.usage): O(1) per pool and family.
// - findings() / report(): O(pools + services), cached until the next change.
import { findOverlaps, formatIp, isBuggyIp, RangeIndex, tryParseIp, type IpFamily, type LabelledRange, type Overlap } from '../address/index.ts';
import { metallbAnnotationValue } from '../model/annotations.ts';
import { serviceKey, type Advertisement, type AllocationFailedEvent, type InputProblem, type Namespace, type Pool, type Service } from '../model/types.ts';
import type { Finding, PoolReport, Reason, Report, ServiceReport } from '../report/types.ts';
import { compareFindings } from './findings/finding.ts';
import { findingRules } from './findings/index.ts';
import type { HeldAddress, LedgerView, PoolEntryRef, ServiceRecord } from './ledger-view.ts';
import { resolveOptions, type AnalysisOptions, type ResolvedOptions } from './options.ts';
import { PoolState } from './pool-state.ts';

export type { HeldAddress, LedgerView, PoolEntryRef, ServiceRecord } from './ledger-view.ts';

const NO_HOLDERS: readonly ServiceRecord[] = [];
/** Shared by every record without unparsable ingress entries (nearly all), to save an array each. */
const NONE: string[] = [];

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
  /**
   * Canonical address text -> who holds it: one HeldAddress (the common case, kept unboxed) or
   * several. String keys: V8 caches a string's hash, so these lookups are much cheaper than bigint keys.
   */
  private readonly slots = new Map<string, HeldAddress | HeldAddress[]>();
  /** Addresses held by more than one service. */
  private readonly contestedSet = new Map<string, HeldAddress>();
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
    // Every service is attributed afresh to the new pools.
    this.slots.clear();
    this.contestedSet.clear();
    this.pending.clear();
    for (const rec of this.records.values()) this.attach(rec);
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
    const rec: ServiceRecord = { key, service: svc, state, addresses: [], unparsable: NONE, pool: null, sharingKey: metallbAnnotationValue(svc, 'allow-shared-ip') };
    if (state === 'ignored') return rec;
    const ingress = svc.ingressIPs;
    for (let i = 0; i < ingress.length; i++) {
      const raw = ingress[i]!;
      const ip = tryParseIp(raw);
      if (!ip) {
        rec.unparsable = [...rec.unparsable, raw];
        continue;
      }
      // A parsed IPv4 text is already canonical (no leading zeros are accepted), so only IPv6 is reformatted.
      const text = ip.family === 'ipv4' ? raw.trim() : formatIp(ip.family, ip.value);
      if (rec.addresses.length > 0 && rec.addresses.some((a) => a.text === text)) continue;
      rec.addresses.push({ family: ip.family, value: ip.value, text, pool: null, record: rec });
    }
    return rec;
  }

  /** Picks each address's pool: the annotated pool when it holds the address, else the first pool that does. */
  private attribute(rec: ServiceRecord): void {
    rec.pool = null;
    const addresses = rec.addresses;
    for (let i = 0; i < addresses.length; i++) {
      const a = addresses[i]!;
      const holding = this.poolsHolding(a.family, a.value);
      if (holding.length <= 1) a.pool = holding[0] ?? null;
      else {
        // Only overlapping pools need the annotation read (rare), so it is not read per service.
        const annotated = metallbAnnotationValue(rec.service, 'ip-allocated-from-pool');
        a.pool = (annotated !== null ? holding.find((p) => p.name === annotated) : undefined) ?? holding[0]!;
      }
      if (rec.pool === null) rec.pool = a.pool;
    }
  }

  /** Adds (+1) or removes (-1) the service from the services-per-pool counts. */
  private countServices(rec: ServiceRecord, sign: 1 | -1): void {
    let first: PoolState | null = null;
    for (let i = 0; i < rec.addresses.length; i++) {
      const p = rec.addresses[i]!.pool;
      if (p === null) continue;
      if (first === null) {
        first = p;
        continue;
      }
      if (p === first) continue;
      // Count each pool once per service (a service's addresses normally all come from one pool).
      if (rec.addresses.findIndex((x) => x.pool === p) !== i) continue;
      p.services += sign;
    }
    if (first) first.services += sign;
  }

  private attach(rec: ServiceRecord): void {
    if (rec.state === 'ignored') return;
    if (rec.state === 'pending') this.pending.add(rec);
    this.attribute(rec);
    this.countServices(rec, +1);
    const ns = rec.service.namespace;
    const addresses = rec.addresses;
    for (let i = 0; i < addresses.length; i++) {
      const a = addresses[i]!;
      const held = this.slots.get(a.text);
      // The pool gains a distinct address only if no other holder already attributes it there; same per namespace.
      let newInPool = true;
      let newInNamespace = true;
      if (held === undefined) this.slots.set(a.text, a);
      else {
        const list = Array.isArray(held) ? held : [held];
        for (const h of list) {
          if (h.pool === a.pool) {
            newInPool = false;
            if (h.record.service.namespace === ns) newInNamespace = false;
          }
        }
        if (Array.isArray(held)) held.push(a);
        else {
          this.slots.set(a.text, [held, a]);
          this.contestedSet.set(a.text, held);
        }
      }
      if (a.pool) {
        if (newInPool) a.pool.used[a.family]++;
        if (newInNamespace) a.pool.addNamespace(ns, a.family, 1);
      }
    }
  }

  private detach(rec: ServiceRecord): void {
    if (rec.state === 'ignored') return;
    this.pending.delete(rec);
    this.countServices(rec, -1);
    const ns = rec.service.namespace;
    for (const a of rec.addresses) {
      const held = this.slots.get(a.text);
      let lastInPool = true;
      let lastInNamespace = true;
      if (held === a) this.slots.delete(a.text);
      else if (Array.isArray(held)) {
        const i = held.indexOf(a);
        if (i >= 0) held.splice(i, 1);
        for (const h of held) {
          if (h.pool === a.pool) {
            lastInPool = false;
            if (h.record.service.namespace === ns) lastInNamespace = false;
          }
        }
        if (held.length === 1) {
          this.slots.set(a.text, held[0]!);
          this.contestedSet.delete(a.text);
        } else {
          this.contestedSet.set(a.text, held[0]!);
        }
      }
      if (a.pool) {
        if (lastInPool) a.pool.used[a.family]--;
        if (lastInNamespace) a.pool.addNamespace(ns, a.family, -1);
      }
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
    if (found.length === 0 || !found.some((p) => p.pool.avoidBuggyIPs) || !isBuggyIp(family, value)) return found;
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
    return this.holdersOf(formatIp(family, value));
  }
  holdersOf(text: string): readonly ServiceRecord[] {
    const held = this.slots.get(text);
    return held === undefined ? NO_HOLDERS : Array.isArray(held) ? held.map((h) => h.record) : [held.record];
  }
  *contested(): Iterable<{ family: IpFamily; value: bigint; holders: readonly ServiceRecord[] }> {
    for (const [text, a] of this.contestedSet) yield { family: a.family, value: a.value, holders: this.holdersOf(text) };
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

  /** The full report at time `now` (pools in the order given, services sorted by namespace/name). */
  report(now: Date): Report {
    const reasons = this.pendingReasons();
    const pools: PoolReport[] = this.poolStates.map((s) => {
      const namespaces: PoolReport['namespaces'] = {};
      for (const ns of [...s.byNamespace.keys()].sort()) {
        const c = s.byNamespace.get(ns)!;
        namespaces[ns] = { ipv4: BigInt(c.ipv4), ipv6: BigInt(c.ipv6) };
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
    // Sorted by namespace/name so output never depends on event order; the default sort compares
    // UTF-16 code units as `<` does, and is much faster than a comparator function.
    const keys = [...this.records.keys()].sort();
    const services: ServiceReport[] = [];
    for (let i = 0; i < keys.length; i++) {
      const rec = this.records.get(keys[i]!)!;
      services.push({
        namespace: rec.service.namespace,
        name: rec.service.name,
        state: rec.state,
        pool: rec.pool?.name ?? null,
        ips: rec.addresses.length === 1 ? [rec.addresses[0]!.text] : rec.addresses.map((a) => a.text),
        sharingKey: rec.sharingKey,
        simulated: false,
        reason: rec.state === 'pending' ? (reasons.get(rec.key) ?? null) : null,
      });
    }
    return { generatedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), pools, services, findings: [...this.findings()] };
  }
}
