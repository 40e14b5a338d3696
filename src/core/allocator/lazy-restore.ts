// The ledger explainer's allocations, restored per group of overlapping pools the first time a read needs that group.
import { tryParseIp, type IpAddress, type IpFamily } from '../address/index.ts';
import type { Namespace, Pool, Service } from '../model/types.ts';
import type { UsageHooks } from './address-usage.ts';
import { Allocator, type AllocatorOptions } from './allocator.ts';
import { overlapGroups } from './overlap-groups.ts';
import { compareCreation, processingOrderIndices } from './simulate.ts';

/**
 * Where a refused service waits in the retry order: the pass that first refused it and its place among
 * that pass's changed services. A refused service keeps its turn until it is let in or goes away.
 */
interface Turn {
  pass: number;
  created: string | null;
  ord: number;
}

interface Refusal {
  svc: Service;
  turn: Turn;
}

/** A restore held back for an unrestored group: `ord` is its place among the pass's changed services; `turn` is set when it was already refused elsewhere. */
interface HeldRestore {
  key: string;
  svc: Service;
  ord: number;
  turn: Turn | null;
}

/** What one pass did to a group that was not restored yet, kept to be replayed in order. */
interface HeldPass {
  pass: number;
  releases: string[];
  restores: HeldRestore[];
}

interface Group {
  restored: boolean;
  log: HeldPass[];
  /** Releases and restores held in the log, and how many the first pass held. */
  held: number;
  first: number;
}

/** One step of a pass: restore the service (`release` false) or only let go of what the key holds. */
interface Step {
  key: string;
  svc: Service;
  turn: Turn;
  release: boolean;
}

/** An allocated service as the ledger keeps it; its parsed addresses spare a second parse. */
export interface AllocatedService {
  key: string;
  service: Service;
  /**
   * The ingress addresses that parse (duplicates may be dropped). `v4` is an IPv4 address as a number (-1
   * for IPv6); `pool`, a pool containing the address (the ledger's attribution), spares looking it up.
   */
  addresses: readonly { family: IpFamily; readonly value: bigint; readonly v4?: number; readonly pool?: { readonly pool: Pool } | null }[];
  /** The ingress entries that do not. */
  unparsable: readonly string[];
}

/** The group of services that hold nothing whatever the others do (no pool holds all their addresses, not MetalLB's, ...). */
const NO_GROUP = -1;

function compareTurns(a: Turn, b: Turn): number {
  return a.pass - b.pass || compareCreation(a.created, b.created) || a.ord - b.ord;
}

/**
 * The explainer's allocator, kept as if every allocated service were restored in passes. A pass (one
 * `update`) releases the services that went away, then, in MetalLB's processing order, restores the new or
 * changed ones and retries every refused one (a conflict may have cleared). That is what an allocator that
 * restores everything at once ends up with, but here a group of overlapping pools is only brought up to
 * date when the allocator first reads it (a pending service looking at a pool, an address, a holding):
 * until then its share of each pass is written down and replayed later in the same order. Services of
 * different groups never meet at an address, so the order between groups does not change any state.
 *
 * A key's held history lies in at most one unrestored group: the group of its current object, or, once it
 * went away, the group that holds its release. A pass that takes the key to another group restores that
 * group first. A group whose log grows past twice its first pass (plus a little) is restored, so the log
 * stays bounded however long `serve` runs.
 */
export class LazyRestore {
  readonly allocator: Allocator;
  /** Per allocated service key, the object last restored or held back. */
  private readonly current = new Map<string, Service>();
  /** Refused services whose state is known (restored groups, and NO_GROUP): retried in every pass. */
  private readonly refused = new Map<string, Refusal>();
  /** Keys that went away while their group was unrestored -> that group. */
  private readonly releasedIn = new Map<string, number>();
  private readonly groups: Group[] = [];
  private readonly groupOfPool: ReadonlyMap<string, number>;
  /** The same by pool object, for the pools the allocator uses (a second pool of one name is not one of them). */
  private readonly groupOfModel = new Map<Pool, number>();
  private unrestored: number;
  private passes = 0;
  /** While a pass or a replay runs it reads only groups it has brought up to date itself, so hooks stand still. */
  private busy = false;

  /** The configuration it was built for. */
  readonly poolList: readonly Pool[];
  readonly namespaceList: readonly Namespace[];

  constructor(pools: readonly Pool[], namespaces: readonly Namespace[], options: AllocatorOptions = {}) {
    this.poolList = [...pools];
    this.namespaceList = [...namespaces];
    const hooks: UsageHooks = {
      pool: (name) => this.need(this.groupOfPool.get(name)),
      address: (ip) => {
        if (this.unrestored === 0 || this.busy) return;
        // Only a pool holding the address can have given it out, and every such pool is in one group.
        const p = this.allocator.pools.poolsHolding(ip)[0];
        if (p) this.need(this.groupOfPool.get(p.name));
      },
      service: (key) => {
        if (this.unrestored === 0 || this.busy) return;
        this.need(this.heldIn(key));
      },
      all: () => {
        for (let g = 0; g < this.groups.length; g++) this.need(g);
      },
    };
    this.allocator = new Allocator(pools, namespaces, options, hooks);
    const { groupOf, count } = overlapGroups(this.allocator.pools.all);
    this.groupOfPool = groupOf;
    for (const p of this.allocator.pools.all) this.groupOfModel.set(p.pool, groupOf.get(p.name)!);
    for (let g = 0; g < count; g++) this.groups.push({ restored: false, log: [], held: 0, first: 0 });
    this.unrestored = count;
  }

  /** The service object last given for the key, or undefined when it is not (or no longer) allocated. */
  restoredAs(key: string): Service | undefined {
    return this.current.get(key);
  }

  keys(): IterableIterator<string> {
    return this.current.keys();
  }

  /** How many keys are allocated (restored or held back). */
  get size(): number {
    return this.current.size;
  }

  /** The pools whose allocations are restored, by name (for tests and benchmarks). */
  restoredPools(): string[] {
    return this.allocator.pools.all.filter((p) => this.groups[this.groupOfPool.get(p.name)!]!.restored).map((p) => p.name);
  }

  /**
   * One pass: `removed` keys are no longer allocated; `changed` (in the ledger's order) are allocated
   * services that are new or whose object changed. Nothing happens when both are empty.
   */
  update(changed: readonly AllocatedService[], removed: readonly string[]): void {
    if (changed.length === 0 && removed.length === 0) return;
    this.busy = true;
    try {
      // With nothing given before (the first call), no key has a history to look up.
      const fresh = this.current.size === 0 && this.releasedIn.size === 0;
      const group = changed.map((c) => this.groupOf(c));
      if (!fresh) {
        for (let i = 0; i < changed.length; i++) {
          const g = this.heldIn(changed[i]!.key);
          if (g !== undefined && g !== group[i]) this.restoreGroup(g);
        }
      }
      const pass = ++this.passes;
      const touched: number[] = [];
      for (const key of removed) {
        const g = this.heldIn(key);
        this.current.delete(key);
        if (g === undefined) {
          this.allocator.release(key);
          this.refused.delete(key);
        } else {
          this.heldPass(g, pass, touched).releases.push(key);
          this.releasedIn.set(key, g);
        }
      }
      // What runs now: restores into restored groups (or NO_GROUP), and, for a service moving into an
      // unrestored group, letting go of what it held here, at its place in the order.
      const steps: Step[] = [];
      const held: number[] = [];
      for (let i = 0; i < changed.length; i++) {
        const g = group[i]!;
        const now = g === NO_GROUP || this.groups[g]!.restored;
        if (!now) held.push(i);
        if (now || (!fresh && this.current.has(changed[i]!.key) && this.heldIn(changed[i]!.key) === undefined)) {
          const { key, service } = changed[i]!;
          steps.push({ key, svc: service, turn: { pass, created: service.creationTimestamp, ord: i }, release: !now });
        }
      }
      this.runPass(steps, () => changed.map((c) => c.key), this.refused);
      for (const i of held) {
        const { key, service } = changed[i]!;
        const before = this.refused.size > 0 ? this.refused.get(key) : undefined;
        if (before) this.refused.delete(key);
        this.heldPass(group[i]!, pass, touched).restores.push({ key, svc: service, ord: i, turn: before?.turn ?? null });
      }
      for (const c of changed) this.current.set(c.key, c.service);
      if (this.releasedIn.size > 0) for (const c of changed) this.releasedIn.delete(c.key);
      for (const g of touched) {
        const grp = this.groups[g]!;
        if (grp.held > 2 * grp.first + 64) this.restoreGroup(g);
      }
    } finally {
      this.busy = false;
    }
  }

  /** The unrestored group whose log holds the key's history, if any. */
  private heldIn(key: string): number | undefined {
    const released = this.releasedIn.get(key);
    if (released !== undefined) return released;
    const svc = this.current.get(key);
    if (!svc) return undefined;
    const g = this.groupOfService(svc);
    return g !== NO_GROUP && !this.groups[g]!.restored ? g : undefined;
  }

  /** Restores the group if it is not yet and nothing else is being brought up to date. */
  private need(g: number | undefined): void {
    if (g === undefined || this.busy || this.groups[g]!.restored) return;
    this.restoreGroup(g);
  }

  /**
   * Replays the group's held passes in order. A pass that changed nothing in the group still retried its
   * refused services; one such retry between two held passes is enough, since after a pass of retries alone
   * only assignments have happened, and those never clear a conflict.
   */
  private restoreGroup(g: number): void {
    const group = this.groups[g]!;
    if (group.restored) return;
    group.restored = true;
    this.unrestored--;
    const wasBusy = this.busy;
    this.busy = true;
    const refusals = new Map<string, Refusal>();
    let last = -1;
    for (const p of group.log) {
      if (last >= 0 && p.pass > last + 1) this.runPass([], () => [], refusals);
      for (const key of p.releases) {
        this.allocator.release(key);
        refusals.delete(key);
        if (this.releasedIn.get(key) === g) this.releasedIn.delete(key);
      }
      const steps = p.restores.map((r) => ({ key: r.key, svc: r.svc, turn: r.turn ?? { pass: p.pass, created: r.svc.creationTimestamp, ord: r.ord }, release: false }));
      this.runPass(steps, () => p.restores.map((r) => r.key), refusals);
      last = p.pass;
    }
    if (last >= 0 && this.passes > last) this.runPass([], () => [], refusals);
    for (const [key, r] of refusals) this.refused.set(key, r);
    group.log = [];
    this.busy = wasBusy;
  }

  /**
   * The steps, and a retry of each refused service whose key is not among the pass's changed keys, in
   * MetalLB's processing order (the steps in their order first, then the retries by turn, for equal timestamps).
   */
  private runPass(steps: readonly Step[], changedKeys: () => readonly string[], refusals: Map<string, Refusal>): void {
    const all = [...steps];
    if (refusals.size > 0) {
      const changed = new Set(changedKeys());
      const retries: Step[] = [];
      for (const [key, r] of refusals) if (!changed.has(key)) retries.push({ key, svc: r.svc, turn: r.turn, release: false });
      retries.sort((a, b) => compareTurns(a.turn, b.turn));
      all.push(...retries);
    }
    for (const i of processingOrderIndices(all.map((s) => s.svc))) {
      const s = all[i]!;
      if (s.release) this.allocator.release(s.key);
      else if (this.allocator.restore(s.svc).ok) refusals.delete(s.key);
      else refusals.set(s.key, { svc: s.svc, turn: refusals.get(s.key)?.turn ?? s.turn });
    }
  }

  /** The group's entry for this pass (`touched` lists the groups that got one). */
  private heldPass(g: number, pass: number, touched: number[]): HeldPass {
    const group = this.groups[g]!;
    let p = group.log[group.log.length - 1];
    if (!p || p.pass !== pass) {
      p = { pass, releases: [], restores: [] };
      group.log.push(p);
      touched.push(g);
    }
    group.held++;
    if (group.log.length === 1) group.first = group.held;
    return p;
  }

  /**
   * The group of the pool `restore` would put the service in, or NO_GROUP when restore refuses it whatever
   * the state (not MetalLB's, an address that does not parse, no pool holding all of its addresses).
   */
  private groupOf(c: AllocatedService): number {
    // Entries the ledger could not parse are parsed again here, so its parser can only ever be more lenient.
    if (c.unparsable.length > 0 || c.addresses.length === 0) return this.groupOfService(c.service);
    if (!this.allocator.handles(c.service)) return NO_GROUP;
    return this.groupOfAddresses(c.addresses);
  }

  private groupOfService(svc: Service): number {
    if (!this.allocator.handles(svc) || svc.ingressIPs.length === 0) return NO_GROUP;
    const ips: IpAddress[] = [];
    for (const t of svc.ingressIPs) {
      const ip = tryParseIp(t);
      if (!ip) return NO_GROUP;
      ips.push(ip);
    }
    return this.groupOfAddresses(ips);
  }

  /**
   * The group every address lies in, or NO_GROUP when one lies in no pool or two lie in different groups.
   * When restore succeeds, its pool holds every address, so this is that pool's group; when the addresses
   * share a group but no pool holds them all, restore refuses the service whatever the state, and the group
   * merely keeps it (harmless). Buggy .0/.255 addresses count as in their pools for the same reason.
   */
  private groupOfAddresses(ips: AllocatedService['addresses']): number {
    let g = NO_GROUP;
    for (const ip of ips) {
      let h = ip.pool ? this.groupOfModel.get(ip.pool.pool) : undefined;
      if (h === undefined) {
        // IPv4 as a number: no bigint is made for the ledger's addresses.
        const pools = ip.v4 !== undefined && ip.v4 >= 0 ? this.allocator.pools.poolsContainingIpv4(ip.v4) : this.allocator.pools.poolsContaining(ip);
        if (pools.length === 0) return NO_GROUP;
        h = this.groupOfPool.get(pools[0]!.name)!;
      }
      if (g !== NO_GROUP && h !== g) return NO_GROUP;
      g = h;
    }
    return g;
  }
}
