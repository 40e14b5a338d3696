// The incremental pool ledger: pools, advertisements and services go in one event at a time; usage, findings and reports come out.
//
// Cost model (what the watch source relies on):
// - upsertService / removeService: O(addresses of the service * log(pool entries)); no other
//   service or pool is visited.
// - loadServices (a batch, as `analyze` does): O(services log services). Plain services (see
//   ServiceColumns) stay columns of numbers with no record; records, and the per-key and per-address
//   maps that single updates need, are made on the first single update or lookup, not before.
// - setPools: O(pool entries * log + services * their addresses * log), pools change rarely.
// - poolUsage reads (PoolState.usage): O(1) per pool and family.
// - findings(): O(pools + services with a Note + pending + shared addresses): per-service facts are noted
//   when a service is attached, so the rules never walk every service. Cached until the next change.
// - report(): O(pools + services); the key order is kept until a service comes or goes.
import { findOverlaps, formatIp, RangeIndex, type IpFamily, type LabelledRange, type Overlap } from '../address/index.ts';
import { serviceKey, type Advertisement, type AllocationFailedEvent, type ConfigObject, type InputProblem, type Namespace, type Pool, type Service } from '../model/types.ts';
import type { Finding, PoolReport, Reason, Report, ServiceReport } from '../report/types.ts';
import { sortFindings } from './findings/finding.ts';
import { findingRules } from './findings/index.ts';
import { Note, type HeldAddress, type LedgerView, type PoolEntryRef, type ServiceRecord } from './ledger-view.ts';
import { resolveOptions, type AnalysisOptions, type ResolvedOptions } from './options.ts';
import { PoolState } from './pool-state.ts';
import { sortByKey } from './record-order.ts';
import { NOT_PLAIN, PLAIN_IGNORED, ServiceColumns, type ColumnsHost } from './service-columns.ts';
import { buildRecord } from './service-record.ts';
import { IPV4_ENTRY_LIMIT, repeatedIpv4, repeatedTexts } from './shared-addresses.ts';

export { Note, type HeldAddress, type LedgerView, type PoolEntryRef, type ServiceRecord } from './ledger-view.ts';
export { handledByMetallb } from './service-record.ts';

const NO_HOLDERS: readonly ServiceRecord[] = [];
/** What addHolder found: the address is new to its pool, and new to its pool within the service's namespace. */
const NEW_IN_POOL = 1;
const NEW_IN_NAMESPACE = 2;

/**
 * A count of a batch in progress, in key order: the addresses seen, to find repeats at the end (IPv4
 * values, IPv6 texts, each with its holder: a plain service's position or a record's address) and, per
 * pool, the current namespace's addresses, summed in `scratch` (two slots per pool) and written once per
 * namespace as a (pool, namespace, counts) entry of `perNamespace`, handed to the pools at the end.
 */
interface Tally {
  ipv4: Float64Array;
  ipv4Holders: (HeldAddress | number)[];
  ipv4Count: number;
  ipv6: string[];
  ipv6Holders: (HeldAddress | number)[];
  scratch: Float64Array;
  touched: PoolState[];
  /** The current namespace's id in `namespaces`. */
  namespace: number;
  namespaces: readonly string[];
  perNamespace: { pool: number[]; namespace: number[]; ipv4: number[]; ipv6: number[] };
}

/** The pool an address is attributed to among those holding it: the annotated one when it is among them, else the first. */
function choosePool(holding: readonly PoolState[], annotated: string | null): PoolState | null {
  if (holding.length <= 1) return holding[0] ?? null;
  return (annotated !== null ? holding.find((p) => p.name === annotated) : undefined) ?? holding[0]!;
}

/**
 * NEW_IN_POOL unless one of the first `count` other holders of a's address attributes it to the same pool;
 * NEW_IN_NAMESPACE unless one of those is also in a's namespace. Whether `a` changes its pool's distinct counts.
 */
function newness(a: HeldAddress, others: readonly HeldAddress[], count: number): number {
  let found = NEW_IN_POOL | NEW_IN_NAMESPACE;
  for (let m = 0; m < count; m++) {
    const h = others[m]!;
    if (h === a || h.pool !== a.pool) continue;
    found &= ~NEW_IN_POOL;
    if (h.record.namespace === a.record.namespace) found &= ~NEW_IN_NAMESPACE;
  }
  return found;
}

/** Counts one address in pool `p` for the current namespace (`slot` 0 for IPv4, 1 for IPv6). */
function countAddress(t: Tally, p: PoolState, slot: 0 | 1): void {
  p.used[slot === 0 ? 'ipv4' : 'ipv6']++;
  const at = p.index * 2;
  if (t.scratch[at] === 0 && t.scratch[at + 1] === 0) t.touched.push(p);
  t.scratch[at + slot]!++;
}

function flushNamespace(t: Tally): void {
  const out = t.perNamespace;
  for (const p of t.touched) {
    const at = p.index * 2;
    out.pool.push(p.index);
    out.namespace.push(t.namespace);
    out.ipv4.push(t.scratch[at]!);
    out.ipv6.push(t.scratch[at + 1]!);
    t.scratch[at] = 0;
    t.scratch[at + 1] = 0;
  }
  t.touched.length = 0;
}

/**
 * Hands each pool its per-namespace counts: the entries, namespace by namespace in key order, are grouped
 * by pool (a counting sort, which keeps that order) into lists made at their exact length. Writing them
 * into each pool's lists as they came touched a different pool's lists every time.
 */
function loadNamespaceCounts(t: Tally, pools: readonly PoolState[]): void {
  const { pool, namespace, ipv4, ipv6 } = t.perNamespace;
  const next = new Int32Array(pools.length + 1);
  for (let e = 0; e < pool.length; e++) next[pool[e]! + 1]!++;
  for (let p = 0; p < pools.length; p++) next[p + 1]! += next[p]!;
  const names = new Array<string>(pool.length);
  const v4 = new Array<number>(pool.length);
  const v6 = new Array<number>(pool.length);
  const starts = next.slice();
  for (let e = 0; e < pool.length; e++) {
    const at = next[pool[e]!]!++;
    names[at] = t.namespaces[namespace[e]!]!;
    v4[at] = ipv4[e]!;
    v6[at] = ipv6[e]!;
  }
  for (let p = 0; p < pools.length; p++) {
    const from = starts[p]!;
    const to = starts[p + 1]!;
    pools[p]!.byNamespace.load(names.slice(from, to), v4.slice(from, to), v6.slice(from, to));
  }
}

/** A service's entry in a report. */
function serviceReport(rec: ServiceRecord, reasons: ReadonlyMap<string, Reason>): ServiceReport {
  return {
    namespace: rec.namespace,
    name: rec.name,
    state: rec.state,
    pool: rec.pool?.name ?? null,
    ips: rec.ips,
    sharingKey: rec.sharingKey,
    simulated: false,
    reason: rec.state === 'pending' ? (reasons.get(rec.key) ?? null) : null,
  };
}

export class PoolLedger implements LedgerView {
  readonly options: ResolvedOptions;
  private poolStates: PoolState[] = [];
  private byName = new Map<string, PoolState>();
  private rangeIndex = new RangeIndex<PoolState>([]);
  private poolOverlaps: Overlap<PoolEntryRef>[] = [];
  private ads: Advertisement[] = [];
  private nss: Namespace[] = [];
  private inputProblems: InputProblem[] = [];
  private configObjects: ConfigObject[] = [];
  private anyAvoidsBuggyIps = false;
  /** namespace/name -> record. Empty while `loaded` holds the services. */
  private readonly records = new Map<string, ServiceRecord>();
  /**
   * The services of the last loadServices, while `records`, `slots` and `contestedSet` are not built: a
   * batch analysis never needs them, so the first single update or lookup builds them.
   */
  private loaded: ServiceColumns | null = null;
  /** While `loaded`: the addresses held more than once, by canonical text. */
  private loadedShared = new Map<string, HeldAddress[]>();
  /** Every record sorted by key, kept until a service comes or goes (not used while `loaded`). */
  private sorted: ServiceRecord[] | null = null;
  /** How a batch makes records and attributes plain services (see ServiceColumns). */
  private readonly columnsHost: ColumnsHost;
  private readonly pending = new Set<ServiceRecord>();
  /** Records with any Note (see notableServices). */
  private readonly notable = new Set<ServiceRecord>();
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
    const lbClass = this.options.loadBalancerClass;
    this.columnsHost = {
      loadBalancerClass: lbClass,
      poolOfIpv4: (value, annotated) => choosePool(this.poolsHoldingIpv4(value), annotated),
      poolOfIpv6: (groups, annotated) => choosePool(this.rangeIndex.lookupIpv6Groups(groups), annotated),
      record: (svc) => {
        const rec = buildRecord(svc, lbClass);
        if (rec.state !== 'ignored') this.attribute(rec);
        return rec;
      },
    };
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
    // Every service is attributed afresh to the new pools.
    if (this.loaded) this.loadColumns(new ServiceColumns(this.loaded.services, this.columnsHost));
    else {
      this.slots.clear();
      this.contestedSet.clear();
      this.pending.clear();
      this.notable.clear();
      for (const rec of this.records.values()) this.attach(rec);
    }
    this.changed();
  }

  /**
   * Replaces every service at once; the result equals removing them all and upserting each in order (for a
   * namespace/name given twice, the last one wins). Counting is done in bulk: the services are read in the
   * order given into columns (see ServiceColumns), then counted in key order, namespace by namespace;
   * addresses held more than once are found by sorting.
   */
  loadServices(services: readonly Service[]): void {
    const columns = new ServiceColumns(services, this.columnsHost);
    this.loadColumns(columns.repeated ? new ServiceColumns(columns.distinct(), this.columnsHost) : columns);
  }

  private loadColumns(columns: ServiceColumns): void {
    for (const p of this.poolStates) p.reset();
    this.pending.clear();
    this.notable.clear();
    this.records.clear();
    this.slots.clear();
    this.contestedSet.clear();
    this.sorted = null;
    const t: Tally = {
      ipv4: new Float64Array(columns.ipv4Count),
      ipv4Holders: new Array<HeldAddress | number>(columns.ipv4Count),
      ipv4Count: 0,
      ipv6: [],
      ipv6Holders: [],
      scratch: new Float64Array(this.poolStates.length * 2),
      touched: [],
      namespace: -1,
      namespaces: columns.namespaces,
      perNamespace: { pool: [], namespace: [], ipv4: [], ipv6: [] },
    };
    const pools = this.poolStates;
    const order = columns.order;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const at = columns.pool[i]!;
      if (at === PLAIN_IGNORED) continue;
      const ns = columns.namespaceIds[i]!;
      if (ns !== t.namespace) {
        flushNamespace(t);
        t.namespace = ns;
      }
      if (at === NOT_PLAIN) {
        this.tallyRecord(t, columns.records[i]!);
        continue;
      }
      // A plain service: an IPv4 address, an IPv6 address or one of each, each in a pool.
      const v4 = columns.ipv4Pool[i]!;
      const v6 = columns.ipv6Pool[i]!;
      if (v4 >= 0) {
        pools[v4]!.services++;
        countAddress(t, pools[v4]!, 0);
        t.ipv4[t.ipv4Count] = columns.ipv4[i]!;
        t.ipv4Holders[t.ipv4Count++] = i;
      }
      if (v6 >= 0) {
        if (v6 !== v4) pools[v6]!.services++;
        countAddress(t, pools[v6]!, 1);
        t.ipv6.push(columns.ipv6[i]!);
        t.ipv6Holders.push(i);
      }
    }
    flushNamespace(t);
    loadNamespaceCounts(t, pools);
    this.loaded = columns;
    this.takeBackRepeats(t, columns);
    this.changed();
  }

  private tallyRecord(t: Tally, rec: ServiceRecord): void {
    if (rec.state === 'ignored') return;
    if (rec.state === 'pending') this.pending.add(rec);
    if (rec.notes !== 0) this.notable.add(rec);
    this.countServices(rec, +1);
    const addresses = rec.addresses;
    for (let i = 0; i < addresses.length; i++) {
      const a = addresses[i]!;
      if (a.v4 >= 0) {
        t.ipv4[t.ipv4Count] = a.v4;
        t.ipv4Holders[t.ipv4Count++] = a;
      } else {
        t.ipv6.push(a.text);
        t.ipv6Holders.push(a);
      }
      if (a.pool) countAddress(t, a.pool, a.family === 'ipv4' ? 0 : 1);
    }
  }

  /** Every address was counted as if held once; a repeat in the same pool (or namespace) is taken back. */
  private takeBackRepeats(t: Tally, columns: ServiceColumns): void {
    this.loadedShared = new Map();
    // A plain holder gets its record now; a plain service has one address per family.
    const held = (h: HeldAddress | number, family: IpFamily): HeldAddress =>
      typeof h === 'number' ? columns.record(h).addresses.find((a) => a.family === family)! : h;
    // Past the positions a double can pack beside an IPv4 value (two million addresses), by text instead.
    const ipv4 =
      t.ipv4Count <= IPV4_ENTRY_LIMIT
        ? repeatedIpv4(t.ipv4, t.ipv4Count)
        : repeatedTexts(Array.from(t.ipv4.subarray(0, t.ipv4Count), (v) => formatIp('ipv4', BigInt(v))));
    const groups = [
      ...ipv4.map((positions) => positions.map((e) => held(t.ipv4Holders[e]!, 'ipv4'))),
      ...repeatedTexts(t.ipv6).map((positions) => positions.map((e) => held(t.ipv6Holders[e]!, 'ipv6'))),
    ];
    for (const group of groups) {
      this.loadedShared.set(group[0]!.text, group);
      for (let k = 1; k < group.length; k++) {
        const a = group[k]!;
        if (!a.pool) continue;
        const found = newness(a, group, k);
        if (!(found & NEW_IN_POOL)) a.pool.used[a.family]--;
        if (!(found & NEW_IN_NAMESPACE)) a.pool.addNamespace(a.record.namespace, a.family, -1);
      }
    }
  }

  /** Builds the per-key and per-address maps of loaded records, before the first single update or lookup. */
  private index(): void {
    const columns = this.loaded;
    if (!columns) return;
    const list = columns.all();
    this.sorted = columns.sorted();
    this.loaded = null;
    this.loadedShared = new Map();
    for (const rec of list) {
      this.records.set(rec.key, rec);
      if (rec.state === 'ignored') continue;
      for (const a of rec.addresses) this.addHolder(a);
    }
  }

  private sortedRecords(): ServiceRecord[] {
    return (this.sorted ??= sortByKey(this.services()));
  }

  setAdvertisements(ads: readonly Advertisement[]): void {
    this.ads = [...ads];
    this.changed();
  }

  setNamespaces(namespaces: readonly Namespace[]): void {
    this.nss = [...namespaces];
    this.changed();
  }

  /** MetalLB configuration objects as written (for the configuration checks). */
  setConfig(objects: readonly ConfigObject[]): void {
    this.configObjects = [...objects];
    this.changed();
  }

  /** Problems met while reading the input (reported as findings). */
  setProblems(problems: readonly InputProblem[]): void {
    this.inputProblems = [...problems];
    this.changed();
  }

  /** Adds or replaces a service (keyed by namespace/name). */
  upsertService(svc: Service): void {
    this.index();
    const key = serviceKey(svc);
    const old = this.records.get(key);
    if (old) this.detach(old);
    const rec = buildRecord(svc, this.options.loadBalancerClass, key);
    this.records.set(key, rec);
    this.attach(rec);
    this.sorted = null;
    this.changed();
  }

  removeService(namespace: string, name: string): void {
    this.index();
    const key = `${namespace}/${name}`;
    const old = this.records.get(key);
    if (!old) return;
    this.detach(old);
    this.records.delete(key);
    this.sorted = null;
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

  /** Picks each address's pool: the annotated pool when it holds the address, else the first pool that does; then notes what the pools say. */
  private attribute(rec: ServiceRecord): void {
    rec.pool = null;
    rec.notes &= ~(Note.OutsidePools | Note.StaleAllocation);
    const addresses = rec.addresses;
    const annotated = rec.allocatedFrom;
    for (let i = 0; i < addresses.length; i++) {
      const a = addresses[i]!;
      a.pool = choosePool(a.v4 >= 0 ? this.poolsHoldingIpv4(a.v4) : this.poolsHolding(a.family, a.value), annotated);
      if (rec.pool === null) rec.pool = a.pool;
      if (a.pool === null) rec.notes |= Note.OutsidePools;
      if (annotated !== null && (a.pool === null || a.pool.name !== annotated)) rec.notes |= Note.StaleAllocation;
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
    if (rec.notes !== 0) this.notable.add(rec);
    this.countServices(rec, +1);
    const ns = rec.namespace;
    const addresses = rec.addresses;
    for (let i = 0; i < addresses.length; i++) {
      const a = addresses[i]!;
      const found = this.addHolder(a);
      if (a.pool) {
        if (found & NEW_IN_POOL) a.pool.used[a.family]++;
        if (found & NEW_IN_NAMESPACE) a.pool.addNamespace(ns, a.family, 1);
      }
    }
  }

  /** Records `a` as a holder of its address; says whether it is new to its pool, and to its pool within its namespace. */
  private addHolder(a: HeldAddress): number {
    const held = this.slots.get(a.text);
    if (held === undefined) {
      this.slots.set(a.text, a);
      return NEW_IN_POOL | NEW_IN_NAMESPACE;
    }
    // The pool gains a distinct address only if no other holder already attributes it there; same per namespace.
    const found = Array.isArray(held) ? newness(a, held, held.length) : newness(a, [held], 1);
    if (Array.isArray(held)) held.push(a);
    else {
      this.slots.set(a.text, [held, a]);
      this.contestedSet.set(a.text, held);
    }
    return found;
  }

  private detach(rec: ServiceRecord): void {
    if (rec.state === 'ignored') return;
    this.pending.delete(rec);
    this.notable.delete(rec);
    this.countServices(rec, -1);
    const ns = rec.namespace;
    for (const a of rec.addresses) {
      const held = this.slots.get(a.text);
      // Whether `a` was the last holder of its address in its pool (and namespace): the counts drop only then.
      let last = NEW_IN_POOL | NEW_IN_NAMESPACE;
      if (held === a) this.slots.delete(a.text);
      else if (Array.isArray(held)) {
        const i = held.indexOf(a);
        if (i >= 0) held.splice(i, 1);
        last = newness(a, held, held.length);
        if (held.length === 1) {
          this.slots.set(a.text, held[0]!);
          this.contestedSet.delete(a.text);
        } else {
          this.contestedSet.set(a.text, held[0]!);
        }
      }
      if (a.pool) {
        if (last & NEW_IN_POOL) a.pool.used[a.family]--;
        if (last & NEW_IN_NAMESPACE) a.pool.addNamespace(ns, a.family, -1);
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
    return this.loaded ? this.loaded.all() : this.records.values();
  }
  service(key: string): ServiceRecord | undefined {
    this.index();
    return this.records.get(key);
  }
  serviceCount(): number {
    return this.loaded ? this.loaded.size : this.records.size;
  }
  pendingServices(): Iterable<ServiceRecord> {
    return this.pending;
  }
  notableServices(): Iterable<ServiceRecord> {
    return this.notable;
  }
  holders(family: IpFamily, value: bigint): readonly ServiceRecord[] {
    return this.holdersOf(formatIp(family, value));
  }
  holdersOf(text: string): readonly ServiceRecord[] {
    this.index();
    const held = this.slots.get(text);
    return held === undefined ? NO_HOLDERS : Array.isArray(held) ? held.map((h) => h.record) : [held.record];
  }
  *contested(): Iterable<{ family: IpFamily; value: bigint; holders: readonly ServiceRecord[] }> {
    if (this.loaded) {
      for (const group of this.loadedShared.values()) yield { family: group[0]!.family, value: group[0]!.value, holders: group.map((h) => h.record) };
      return;
    }
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
    const ctx = { ledger: this, options: this.options, reasons };
    // concat, not push(...): a rule may return more findings than a call may take arguments.
    const findings = sortFindings(([] as Finding[]).concat(...findingRules.map((rule) => rule.evaluate(ctx))));
    this.cache = { findings, reasons };
    return this.cache;
  }

  /** The full report at time `now` (pools in the order given, services sorted by namespace/name). */
  report(now: Date): Report {
    const reasons = this.pendingReasons();
    const pools: PoolReport[] = this.poolStates.map((s) => {
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
        namespaces: s.namespaceCounts(),
      };
    });
    // Sorted by namespace/name so output never depends on event order.
    const services = this.loaded ? this.columnReports(this.loaded, reasons) : this.sortedRecords().map((rec) => serviceReport(rec, reasons));
    return { generatedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), pools, services, findings: [...this.findings()] };
  }

  /** The services of a batch in key order, a plain one straight from its columns. */
  private columnReports(columns: ServiceColumns, reasons: ReadonlyMap<string, Reason>): ServiceReport[] {
    const order = columns.order;
    const poolNames = this.poolStates.map((p) => p.name);
    const out = new Array<ServiceReport>(order.length);
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const rec = columns.records[i];
      if (rec !== undefined) {
        out[k] = serviceReport(rec, reasons);
        continue;
      }
      const at = columns.pool[i]!;
      out[k] = {
        namespace: columns.namespaces[columns.namespaceIds[i]!]!,
        name: columns.names[i]!,
        state: at === PLAIN_IGNORED ? 'ignored' : 'allocated',
        pool: at >= 0 ? poolNames[at]! : null,
        ips: columns.ips[i]!,
        sharingKey: columns.sharingKeys[i]!,
        simulated: false,
        reason: null,
      };
    }
    return out;
  }
}
