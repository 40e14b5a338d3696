// The incremental pool ledger: pools, advertisements and services go in one event at a time; usage, findings and reports come out.
//
// Cost model (what the watch source relies on):
// - upsertService / removeService: O(addresses of the service * (log pool entries + pools holding each))
//   plus one `concerns` call per per-service finding rule; no other service or pool is visited.
// - loadServices (a batch, as `analyze` does): the same upsert for each service, in one loop.
// - setPools: O(pool entries * log + services * their addresses * log), pools change rarely.
// - poolUsage reads (PoolState.usage): O(1) per pool and family.
// - findings(): O(pools + shared addresses + the services rules with `readsOtherServices` concern) plus, after
//   k service events, the k services' findings evaluated, sorted and merged into the kept sorted list
//   (a copy of it). Cached until the next change. A service's findings are kept until its record or
//   anything but the services changes; then every service is evaluated and sorted again.
// - report(): O(pools) plus, after k service events, k + pending services' entries and a copy of the
//   entry list (every service's entry after a service comes or goes, or after a change announcements
//   depend on). A service's entry is the same object as in the last report while its record, pool, reason
//   and announcement are, so a reader (the metrics exporter) can tell what changed by identity and redo only that.
import { findOverlaps, formatIp, RangeIndex, rangeSize, type IpFamily, type LabelledRange, type Overlap } from '../address/index.ts';
import { AnnouncementObjectsIndex } from '../announcement/announcement-objects.ts';
import { Announcer } from '../announcement/announce.ts';
import { bgpSessionFacts } from '../announcement/bgp-sessions.ts';
import { serviceKey, type Advertisement, type AllocationFailedEvent, type AnnouncementObjects, type ConfigObject, type InputProblem, type Namespace, type ObjectRef, type Pool, type Service } from '../model/types.ts';
import { sameService } from '../model/same-service.ts';
import type { Announcement, AnnouncementFacts, Finding, PoolOverlapFact, PoolReport, Reason, Report, ServiceReport } from '../report/types.ts';
import { allocationFailed } from '../allocator/reasons/allocation-failed.ts';
import { AddressIndex } from './address-index.ts';
import { attributedPool } from './attribution.ts';
import { isServiceRule, keyFinding, keyFindingOf, mergeKeyed, sortKeyed, type FindingContext, type KeyedFinding, type LedgerRule, type ServiceRule } from './findings/finding.ts';
import { findingRules } from './findings/index.ts';
import type { LedgerView, PoolEntryRef, ServiceRecord } from './ledger-view.ts';
import { newerEvent } from './events.ts';
import { resolveOptions, type AnalysisOptions, type ResolvedOptions } from './options.ts';
import { PoolState } from './pool-state.ts';
import { sortByKey } from './record-order.ts';
import { buildRecord } from './service-record.ts';

export type { HeldAddress, LedgerView, PoolEntryRef, ServiceRecord } from './ledger-view.ts';
export { handledByMetallb } from './service-record.ts';

/** The finding rules split by kind, once: the ledger keeps, per service rule, the services it is concerned with. */
const serviceRules: readonly ServiceRule[] = findingRules.filter(isServiceRule);
const ledgerRules: readonly LedgerRule[] = findingRules.filter((r): r is LedgerRule => !isServiceRule(r));

/** A kept finding of a service rule and the record it was made for. */
type KeptFinding = KeyedFinding & { rec: ServiceRecord };

/** Addresses shared by each pair of distinct pool names, counted over each pool's merged entries. */
function sharedByPools(pools: readonly PoolState[]): PoolOverlapFact[] {
  const items: LabelledRange<PoolState>[] = [];
  for (const p of pools) for (const range of p.merged) items.push({ range, label: p });
  const pairs = new Map<string, PoolOverlapFact>();
  for (const o of findOverlaps(items)) {
    if (o.a.label.name === o.b.label.name) continue;
    const [first, second] = o.a.label.index < o.b.label.index ? [o.a.label, o.b.label] : [o.b.label, o.a.label];
    const key = `${first.name}\u0000${second.name}`;
    const fact = pairs.get(key) ?? { pool: first.name, otherPool: second.name, addresses: 0n };
    fact.addresses += rangeSize(o.range);
    pairs.set(key, fact);
  }
  return [...pairs.values()];
}

/** A service's entry in a report. */
function serviceReport(rec: ServiceRecord, reason: Reason | null, announcement: Announcement | null): ServiceReport {
  return {
    namespace: rec.namespace,
    name: rec.name,
    state: rec.state,
    pool: rec.pool?.name ?? null,
    ips: rec.ips,
    sharingKey: rec.sharingKey,
    simulated: false,
    reason,
    announcement,
  };
}

/** A report's generatedAt: RFC 3339 in UTC, to the second. */
export function reportTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class PoolLedger implements LedgerView {
  readonly options: ResolvedOptions;
  readonly addresses = new AddressIndex();
  private poolStates: PoolState[] = [];
  private byName = new Map<string, PoolState>();
  private rangeIndex = new RangeIndex<PoolState>([]);
  private poolOverlaps: Overlap<PoolEntryRef>[] = [];
  private ads: Advertisement[] = [];
  private nss: Namespace[] = [];
  private inputProblems: InputProblem[] = [];
  private configObjects: ConfigObject[] = [];
  private anyAvoidsBuggyIps = false;
  /** namespace/name -> record, in the order they came (a replaced service moves to the end). */
  private readonly records = new Map<string, ServiceRecord>();
  /** Every service's key in key order, kept until a service comes or goes (a replaced one keeps its place). */
  private sortedKeys: string[] | null = null;
  /**
   * The last report's entries, in the order of `keys` (the sortedKeys they were made for), with each key's
   * place. While the keys and the announcements are the same, the next report makes entries only for the
   * records put since (`putSince`) and the pending ones (their reasons read other services).
   */
  private lastEntries: { keys: readonly string[]; services: readonly ServiceReport[]; place: Map<string, number> } | null = null;
  private readonly putSince = new Set<ServiceRecord>();
  private readonly pending = new Set<ServiceRecord>();
  /** Per service rule (in serviceRules order): the services it is concerned with. */
  private readonly concerned: Set<ServiceRecord>[] = serviceRules.map(() => new Set());
  /** The service rules' findings kept on each record (`memoFindings`) are valid while its `memoEpoch` is this; something but a service changing makes a new one (see changed). */
  private findingsEpoch: object = {};
  /**
   * Every kept finding of the rules that read only their service, sorted, as of the last evaluation (null
   * when they were forgotten). Records attached since are in `unsorted`; `detached` holds the records
   * detached since whose findings are in the sorted list (weakly: nothing else may hold them): the next
   * evaluation merges the first in and drops the findings of the others.
   */
  private sortedKept: KeptFinding[] | null = null;
  private readonly unsorted = new Set<ServiceRecord>();
  private detached: WeakSet<ServiceRecord> | null = null;
  private readonly events = new Map<string, AllocationFailedEvent>();
  private cache: { findings: Finding[]; reasons: Map<string, Reason>; pendingPools: Map<string, string> } | null = null;
  /** Addresses shared by pairs of pools, per pair of names (made with the pools). */
  private poolPairs: PoolOverlapFact[] = [];
  /** What MetalLB reports about announcing (status objects, BGP peers and sessions, configuration states, nodes). */
  readonly announcementObjects = new AnnouncementObjectsIndex();
  /** Announcements of allocated services, kept until their service or what announcing depends on changes (see changed). */
  private announcer: Announcer | null = null;
  /** The report's announcement facts, made on the first report after a change. */
  private announcementFacts: AnnouncementFacts | null = null;
  /** Increases on every change; readers may use it to skip work. */
  version = 0;

  constructor(options: AnalysisOptions = {}) {
    this.options = resolveOptions(options);
  }

  get loadBalancerClass(): string | null {
    return this.options.loadBalancerClass;
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
    this.rangeIndex = new RangeIndex(merged);
    this.anyAvoidsBuggyIps = pools.some((p) => p.avoidBuggyIPs);
    this.poolOverlaps = findOverlaps(entries);
    this.poolPairs = sharedByPools(this.poolStates);
    // Every service is attributed afresh to the new pools.
    this.addresses.clear();
    this.pending.clear();
    for (const set of this.concerned) set.clear();
    for (const rec of this.records.values()) this.attach(rec);
    this.changed('announcing');
  }

  /**
   * Replaces every service at once; the result equals removing them all and upserting each in order (for a
   * namespace/name given twice, the last one wins).
   */
  loadServices(services: readonly Service[]): void {
    for (const rec of this.records.values()) this.detach(rec);
    this.records.clear();
    for (let i = 0; i < services.length; i++) this.put(services[i]!);
    this.sortedKeys = null;
    this.changed('announcing');
  }

  setAdvertisements(ads: readonly Advertisement[]): void {
    this.ads = [...ads];
    this.changed('announcing');
  }

  setNamespaces(namespaces: readonly Namespace[]): void {
    this.nss = [...namespaces];
    this.changed('ledger');
  }

  /** MetalLB configuration objects as written (for the configuration checks). */
  setConfig(objects: readonly ConfigObject[]): void {
    this.configObjects = [...objects];
    this.changed('ledger');
  }

  /** Problems met while reading the input (reported as findings). */
  setProblems(problems: readonly InputProblem[]): void {
    this.inputProblems = [...problems];
    this.changed('ledger');
  }

  /** Adds or replaces a service (keyed by namespace/name). */
  upsertService(svc: Service): void {
    if (this.put(svc)) this.changed('service');
  }

  removeService(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    const old = this.records.get(key);
    if (!old) return;
    this.detach(old);
    this.records.delete(key);
    this.sortedKeys = null;
    this.changed('service');
  }

  /** Records MetalLB's AllocationFailed event for a service (the newest one wins, see newerEvent). */
  upsertEvent(ev: AllocationFailedEvent): void {
    const key = `${ev.namespace}/${ev.serviceName}`;
    const old = this.events.get(key);
    if (old && !newerEvent(ev, old)) return;
    this.events.set(key, ev);
    this.changed('ledger');
  }

  removeEvent(namespace: string, serviceName: string): void {
    if (this.events.delete(`${namespace}/${serviceName}`)) this.changed('ledger');
  }

  upsertAnnouncementObject<K extends keyof AnnouncementObjects>(slot: K, value: AnnouncementObjects[K][number]): void {
    this.announcementObjects.upsert(slot, value);
    this.changed('announcing');
  }

  removeAnnouncementObject(slot: keyof AnnouncementObjects, ref: ObjectRef): void {
    this.announcementObjects.remove(slot, ref);
    this.changed('announcing');
  }

  /**
   * After every change: `service` when one service came, changed or went (its record is new), `ledger`
   * for anything else, `announcing` for what announcements also depend on. An announcement depends only
   * on its service, the service's pool, the advertisements and the announcement objects: only changes to
   * those forget them all; a service that changes or goes forgets its own (put, removeService). A
   * service's findings are kept while its record is the same and nothing but services changed.
   */
  private changed(scope: 'service' | 'ledger' | 'announcing'): void {
    this.cache = null;
    if (scope !== 'service') {
      this.findingsEpoch = {};
      this.sortedKept = null;
      this.unsorted.clear();
      this.detached = null;
    }
    if (scope === 'announcing') {
      this.announcer = null;
      this.lastEntries = null;
      this.putSince.clear();
      // The report's announcement facts read the announcement objects alone.
      this.announcementFacts = null;
    }
    this.version++;
  }

  /**
   * Adds or replaces a service; false when it equals the one held in every field (a watch event that changed
   * nothing poolwatch reads), whose record is then kept as it is: its report entry and findings stay valid.
   */
  private put(svc: Service): boolean {
    let key = serviceKey(svc);
    const old = this.records.get(key);
    if (old) {
      // The held key string is kept, the one just built dropped: one string less kept per event.
      key = old.key;
      this.records.delete(key);
      if (sameService(old.service, svc)) {
        this.records.set(key, old); // a replaced service moves to the end, kept or not
        return false;
      }
      this.detach(old);
      this.putSince.delete(old);
    } else this.sortedKeys = null;
    const rec = buildRecord(svc, this.options.loadBalancerClass, key);
    this.records.set(key, rec);
    this.attach(rec);
    if (this.lastEntries) this.putSince.add(rec);
    return true;
  }

  /** Finds each address's pools and the service's pool (attributedPool). */
  private attribute(rec: ServiceRecord): void {
    const addresses = rec.addresses;
    for (let i = 0; i < addresses.length; i++) {
      const a = addresses[i]!;
      a.pools = a.v4 >= 0 ? this.poolsHoldingIpv4(a.v4) : this.rangeIndex.lookup(a.family, a.value);
    }
    rec.pool = addresses.length === 0 ? null : addresses.length === 1 ? attributedPool([addresses[0]!.pools], rec.allocatedFrom) : attributedPool(addresses.map((a) => a.pools), rec.allocatedFrom);
  }

  private attach(rec: ServiceRecord): void {
    if (rec.state === 'ignored') return;
    if (rec.state === 'pending') this.pending.add(rec);
    this.attribute(rec);
    if (rec.pool) rec.pool.services++;
    for (let i = 0; i < rec.addresses.length; i++) this.addresses.add(rec.addresses[i]!);
    for (let r = 0; r < serviceRules.length; r++) if (serviceRules[r]!.concerns(rec)) this.concerned[r]!.add(rec);
    if (this.sortedKept) this.unsorted.add(rec);
  }

  private detach(rec: ServiceRecord): void {
    this.announcer?.forget(rec.key);
    if (rec.state === 'ignored') return;
    this.pending.delete(rec);
    if (rec.pool) rec.pool.services--;
    for (const a of rec.addresses) this.addresses.remove(a);
    for (const set of this.concerned) set.delete(rec);
    // Its findings are in the sorted list unless it came after the last evaluation.
    if (this.sortedKept && !this.unsorted.delete(rec)) (this.detached ??= new WeakSet()).add(rec);
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
  get config(): readonly ConfigObject[] {
    return this.configObjects;
  }
  poolByName(name: string): PoolState | undefined {
    return this.byName.get(name);
  }
  poolsHolding(family: IpFamily, value: bigint): readonly PoolState[] {
    // IPv6 has no .0/.255 rule, so only IPv4 needs the avoidBuggyIPs filter.
    return family === 'ipv4' ? this.poolsHoldingIpv4(Number(value)) : this.rangeIndex.lookup(family, value);
  }
  /** poolsHolding for an IPv4 address given as a number. */
  private poolsHoldingIpv4(value: number): readonly PoolState[] {
    const found = this.rangeIndex.lookupIpv4(value);
    const low = value % 256;
    if (found.length === 0 || !this.anyAvoidsBuggyIps || (low !== 0 && low !== 255) || !found.some((p) => p.pool.avoidBuggyIPs)) return found;
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
    return this.addresses.recordsOf(formatIp(family, value));
  }
  holdersOf(text: string): readonly ServiceRecord[] {
    return this.addresses.recordsOf(text);
  }
  *contested(): Iterable<{ family: IpFamily; value: bigint; holders: readonly ServiceRecord[] }> {
    for (const a of this.addresses.contested()) yield { family: a.family, value: a.value, holders: this.addresses.recordsOf(a.text) };
  }
  overlaps(): readonly Overlap<PoolEntryRef>[] {
    return this.poolOverlaps;
  }
  event(key: string): AllocationFailedEvent | undefined {
    return this.events.get(key);
  }

  /** The announcement of an allocated service (null for pending and ignored ones). */
  announcement(rec: ServiceRecord): Announcement | null {
    if (rec.state !== 'allocated') return null;
    this.announcer ??= new Announcer({ objects: this.announcementObjects, advertisements: this.ads });
    return this.announcer.of(rec.service, rec.pool?.pool ?? null, rec.key);
  }

  /** Why each pending service has no address: the explainer's reason, else MetalLB's event. */
  pendingReasons(): ReadonlyMap<string, Reason> {
    return this.evaluate().reasons;
  }

  /** The pool each pending service's reason concerns, by `namespace/name` (absent when none is known). */
  pendingPools(): ReadonlyMap<string, string> {
    return this.evaluate().pendingPools;
  }

  /** Every current finding, in a stable order; recomputed only after a change. */
  findings(): readonly Finding[] {
    return this.evaluate().findings;
  }

  private evaluate(): { findings: Finding[]; reasons: Map<string, Reason>; pendingPools: Map<string, string> } {
    if (this.cache) return this.cache;
    const reasons = new Map<string, Reason>();
    const pendingPools = new Map<string, string>();
    if (this.pending.size > 0) {
      const explained = this.options.explainPending?.([...this.pending].map((r) => r.service), this);
      for (const rec of this.pending) {
        const why = explained?.get(rec.key);
        const ev = this.events.get(rec.key);
        if (why) {
          reasons.set(rec.key, why.reason);
          if (why.pool !== null) pendingPools.set(rec.key, why.pool);
        } else if (ev) reasons.set(rec.key, allocationFailed.because(ev.message));
      }
    }
    const ctx = { ledger: this, options: this.options, reasons };
    // Evaluated afresh each time: the ledger rules and the service rules that read other services.
    const fresh: Finding[] = [];
    for (const rule of ledgerRules) for (const f of rule.evaluate(ctx)) fresh.push(f);
    serviceRules.forEach((rule, r) => {
      if (rule.readsOtherServices) for (const rec of this.concerned[r]!) for (const f of rule.evaluate(rec, ctx)) fresh.push(f);
    });
    const findings = mergeKeyed<KeyedFinding>(this.keptSorted(ctx), sortKeyed(fresh.map(keyFinding))).map((k) => k.finding);
    this.cache = { findings, reasons, pendingPools };
    return this.cache;
  }

  /** The kept findings of the rules that read only their service, sorted: brought up to date from the last evaluation's. */
  private keptSorted(ctx: FindingContext): readonly KeptFinding[] {
    const evaluate = (rec: ServiceRecord, r: number, into: KeptFinding[]) => {
      if (rec.memoEpoch !== this.findingsEpoch) {
        rec.memoEpoch = this.findingsEpoch;
        rec.memoFindings = new Array<Finding[] | undefined>(serviceRules.length);
      }
      let made = rec.memoFindings![r];
      if (made === undefined) rec.memoFindings![r] = made = serviceRules[r]!.evaluate(rec, ctx);
      for (const f of made) into.push(keyFindingOf(f, rec));
    };
    if (this.sortedKept === null) {
      const all: KeptFinding[] = [];
      serviceRules.forEach((rule, r) => {
        if (!rule.readsOtherServices) for (const rec of this.concerned[r]!) evaluate(rec, r, all);
      });
      this.sortedKept = sortKeyed(all);
    } else if (this.unsorted.size > 0 || this.detached !== null) {
      const added: KeptFinding[] = [];
      for (const rec of this.unsorted) {
        serviceRules.forEach((rule, r) => {
          if (!rule.readsOtherServices && this.concerned[r]!.has(rec)) evaluate(rec, r, added);
        });
      }
      // A detached record was replaced or removed: its findings go.
      const detached = this.detached;
      this.sortedKept = mergeKeyed(this.sortedKept, sortKeyed(added), detached && ((k) => detached.has(k.rec)));
    }
    this.unsorted.clear();
    this.detached = null;
    return this.sortedKept;
  }

  private announcementFactsNow(): AnnouncementFacts {
    const objects = this.announcementObjects;
    this.announcementFacts ??= {
      configurationStates: objects.configurationStates.map((c) => ({ component: c.name, result: c.result })),
      bgpSessions: bgpSessionFacts(objects),
    };
    return this.announcementFacts;
  }

  /** The record's report entry: the last one made from it while its pool, reason and announcement are the same (so a reader can tell which services changed between two reports by comparing entries). */
  private entry(rec: ServiceRecord, reasons: ReadonlyMap<string, Reason>): ServiceReport {
    const last = rec.memoEntry;
    const reason = rec.state === 'pending' ? (reasons.get(rec.key) ?? null) : null;
    const announcement = this.announcement(rec);
    if (last && last.pool === (rec.pool?.name ?? null) && last.reason === reason && last.announcement === announcement) return last;
    const made = serviceReport(rec, reason, announcement);
    rec.memoEntry = made;
    return made;
  }

  /** The full report at time `now` (pools in the order given, services sorted by namespace/name). */
  report(now: Date): Report {
    const reasons = this.pendingReasons();
    const pools: PoolReport[] = this.poolStates.map((s) => ({
      name: s.name,
      namespace: s.pool.namespace,
      autoAssign: s.pool.autoAssign,
      avoidBuggyIPs: s.pool.avoidBuggyIPs,
      priority: s.pool.serviceAllocation?.priority ?? null,
      addresses: s.pool.addresses.map((a) => a.text),
      ipv4: s.usage('ipv4'),
      ipv6: s.usage('ipv6'),
      services: s.services,
      namespaces: s.namespaceCounts(),
    }));
    // Sorted by namespace/name so output never depends on event order.
    const keys = (this.sortedKeys ??= sortByKey(this.records.values()).map((r) => r.key));
    const last = this.lastEntries;
    let services: ServiceReport[];
    let place: Map<string, number>;
    if (last && last.keys === keys) {
      ({ place } = last);
      services = [...last.services];
      for (const rec of this.putSince) services[place.get(rec.key)!] = this.entry(rec, reasons);
      for (const rec of this.pending) services[place.get(rec.key)!] = this.entry(rec, reasons);
    } else {
      place = new Map();
      services = new Array<ServiceReport>(keys.length);
      for (let i = 0; i < keys.length; i++) {
        services[i] = this.entry(this.records.get(keys[i]!)!, reasons);
        place.set(keys[i]!, i);
      }
    }
    this.lastEntries = { keys, services: [...services], place };
    this.putSince.clear();
    const facts = { overlaps: this.poolPairs, pendingPools: this.evaluate().pendingPools, announcement: this.announcementFactsNow() };
    return { generatedAt: reportTimestamp(now), pools, services, findings: [...this.findings()], facts };
  }
}
