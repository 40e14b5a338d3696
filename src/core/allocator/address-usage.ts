// Who holds which address: per-address users, ports and sharing key, per-pool counts, and the next usable address in a pool.
import { formatIp, isBuggyIp, type IpAddress, type IpFamily } from '../address/index.ts';
import { hasFamily, type AllocatorPool } from './pool-config.ts';
import { sharingConflict, type AddressUsers, type ShareKey, type SharingConflict } from './sharing.ts';
import { UsedAddresses } from './used-addresses.ts';

/** One address in use: the pool it was taken from and the services on it. */
export interface AddressUse extends AddressUsers {
  family: IpFamily;
  value: bigint;
  pool: string;
  key: ShareKey;
  users: string[];
  ports: string[];
}

/**
 * The map key of an address: IPv4 as a number; IPv6 as hex text. BigInt keys that differ only in their high
 * bits (fd00:1::5, fd00:2::5) collide in V8's maps: IPv6 lookups measured about ten times slower that way.
 */
function keyOf(ip: IpAddress): number | string {
  return ip.family === 'ipv4' ? Number(ip.value) : ip.value.toString(16);
}

function* valuesOf(uses: Map<number | string, AddressUse>): Iterable<bigint> {
  for (const use of uses.values()) yield use.value;
}

function portIndex(ports: readonly string[], port: string): number {
  for (let i = 0; i < ports.length; i += 2) if (ports[i] === port) return i;
  return -1;
}

/** What one service holds. */
export interface Holding {
  service: string;
  pool: string;
  /** In the order assigned (IPv4 first for automatic allocations, as requested otherwise). */
  ips: IpAddress[];
  /** The same addresses as canonical text. */
  texts: string[];
  ports: readonly string[];
  key: ShareKey;
  /** The object the holding was made for (the allocator keeps its Service here, to re-validate it later). */
  source: unknown;
}

/** The requester of an address: its key, ports and sharing key. */
export interface Requester {
  service: string;
  ports: readonly string[];
  key: ShareKey;
}

/**
 * Called before the state of a pool, an address or a service is read or changed, so an owner that holds
 * allocations back (the ledger explainer restores overlapping pools only when they are first needed) can
 * bring that part up to date first. Every state read and write goes through one of these.
 */
export interface UsageHooks {
  /** The pool's counts, free addresses or shared addresses. */
  pool(name: string): void;
  /** Who uses the address. */
  address(ip: IpAddress): void;
  /** What the service holds. */
  service(key: string): void;
  /** Every holding (a new configuration re-validates them all). */
  all(): void;
}

/**
 * The allocation state shared by every allocator operation. Assign and release are O(addresses of the
 * service × log runs); nothing here walks a pool address by address.
 */
export class AddressUsage {
  private readonly uses: Record<IpFamily, Map<number | string, AddressUse>> = { ipv4: new Map(), ipv6: new Map() };
  private readonly used: Record<IpFamily, UsedAddresses> = {
    ipv4: new UsedAddresses('ipv4', () => valuesOf(this.uses.ipv4)),
    ipv6: new UsedAddresses('ipv6', () => valuesOf(this.uses.ipv6)),
  };
  private readonly holdings = new Map<string, Holding>();
  private readonly poolCounts = new Map<string, Record<IpFamily, number>>();
  /** allow-shared-ip key -> the addresses whose current key it is (to find shareable addresses fast). */
  private readonly shared = new Map<string, Set<AddressUse>>();

  constructor(private readonly hooks: UsageHooks | null = null) {}

  holding(service: string): Holding | undefined {
    this.hooks?.service(service);
    return this.holdings.get(service);
  }

  holdingsList(): IterableIterator<Holding> {
    this.hooks?.all();
    return this.holdings.values();
  }

  use(ip: IpAddress): AddressUse | undefined {
    this.hooks?.address(ip);
    return this.uses[ip.family].get(keyOf(ip));
  }

  /** Distinct addresses of the family held from the pool. */
  inUse(pool: string, family: IpFamily): number {
    this.hooks?.pool(pool);
    return this.poolCounts.get(pool)?.[family] ?? 0;
  }

  /** Why the requester may not use the address, or null (also null when the address is free). */
  conflict(ip: IpAddress, who: Requester): SharingConflict | null {
    return sharingConflict(this.use(ip), who.service, who.key, who.ports);
  }

  /** Records the holding. The service must hold nothing (release it first); the caller has checked it is allowed. */
  assign(h: Holding): void {
    // Every address of a holding lies in its pool, so the pool stands for all of them.
    this.hooks?.pool(h.pool);
    this.hooks?.service(h.service);
    for (const ip of h.ips) {
      let use = this.uses[ip.family].get(keyOf(ip));
      if (!use) {
        use = { family: ip.family, value: ip.value, pool: h.pool, key: h.key, users: [], ports: [] };
        this.uses[ip.family].set(keyOf(ip), use);
        this.used[ip.family].add(ip.value);
        this.count(h.pool, ip.family, 1);
        this.indexShared(use, h.key.sharing);
      } else if (use.key.sharing !== h.key.sharing) {
        this.unindexShared(use);
        this.indexShared(use, h.key.sharing);
      }
      use.key = h.key;
      if (!use.users.includes(h.service)) use.users.push(h.service);
      for (const port of h.ports) {
        const i = portIndex(use.ports, port);
        if (i >= 0) use.ports[i + 1] = h.service;
        else use.ports.push(port, h.service);
      }
    }
    this.holdings.set(h.service, h);
  }

  /** Frees what the service holds; an address stays in use while another service shares it. */
  release(service: string): Holding | undefined {
    this.hooks?.service(service);
    const h = this.holdings.get(service);
    if (!h) return undefined;
    this.holdings.delete(service);
    for (const ip of h.ips) {
      const use = this.uses[ip.family].get(keyOf(ip));
      if (!use) continue;
      use.users = use.users.filter((u) => u !== service);
      for (const port of h.ports) {
        const i = portIndex(use.ports, port);
        if (i >= 0 && use.ports[i + 1] === service) use.ports.splice(i, 2);
      }
      if (use.users.length === 0) {
        this.uses[ip.family].delete(keyOf(ip));
        this.used[ip.family].delete(ip.value);
        this.count(use.pool, ip.family, -1);
        this.unindexShared(use);
      }
    }
    return h;
  }

  /** Drops everything (a new configuration re-validates every holding). */
  clear(): Holding[] {
    this.hooks?.all();
    const all = [...this.holdings.values()];
    for (const h of all) this.release(h.service);
    return all;
  }

  /**
   * The address MetalLB would give the requester from the pool in this family: the first entry (in the
   * order written) that has one yields its lowest address that is free, or in use but shareable with the
   * requester; .0 and .255 are skipped when the pool avoids buggy IPs. null when there is none.
   */
  nextFree(pool: AllocatorPool, family: IpFamily, who: Requester): IpAddress | null {
    if (!hasFamily(pool, family)) return null;
    this.hooks?.pool(pool.name);
    // Full, and nothing to share: answered from the counts without a search.
    if (who.key.sharing === '' && BigInt(this.inUse(pool.name, family)) >= pool.total[family]) return null;
    const candidatesShared = who.key.sharing === '' ? null : this.shared.get(who.key.sharing);
    for (const r of pool.entries) {
      if (r.family !== family) continue;
      let best = this.used[family].firstFree(r.start, r.end, pool.avoidBuggyIPs);
      if (candidatesShared) {
        for (const use of candidatesShared) {
          if (use.family !== family || use.value < r.start || use.value > r.end) continue;
          if (best !== null && use.value >= best) continue;
          if (pool.avoidBuggyIPs && isBuggyIp(family, use.value)) continue;
          if (sharingConflict(use, who.service, who.key, who.ports) === null) best = use.value;
        }
      }
      if (best !== null) return { family, value: best };
    }
    return null;
  }

  /** Addresses of the pool's family whose key is `sharing` but that refuse the requester, with why (for messages). */
  refusedShares(pool: AllocatorPool, family: IpFamily, who: Requester): Array<{ ip: string; conflict: SharingConflict }> {
    this.hooks?.pool(pool.name);
    const out: Array<{ ip: string; conflict: SharingConflict }> = [];
    for (const use of this.shared.get(who.key.sharing) ?? []) {
      if (use.family !== family || use.pool !== pool.name) continue;
      const c = sharingConflict(use, who.service, who.key, who.ports);
      if (c) out.push({ ip: formatIp(family, use.value), conflict: c });
    }
    return out;
  }

  private count(pool: string, family: IpFamily, delta: number): void {
    let c = this.poolCounts.get(pool);
    if (!c) {
      c = { ipv4: 0, ipv6: 0 };
      this.poolCounts.set(pool, c);
    }
    c[family] += delta;
  }

  private indexShared(use: AddressUse, sharing: string): void {
    if (sharing === '') return;
    let set = this.shared.get(sharing);
    if (!set) {
      set = new Set();
      this.shared.set(sharing, set);
    }
    set.add(use);
  }

  private unindexShared(use: AddressUse): void {
    if (use.key.sharing === '') return;
    const set = this.shared.get(use.key.sharing);
    if (!set) return;
    set.delete(use);
    if (set.size === 0) this.shared.delete(use.key.sharing);
  }
}
