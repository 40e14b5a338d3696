// The allocator's reads of the ledger's address index: who may share an address, the next free one, a pool's count.
import { isBuggyIp, type IpAddress, type IpFamily } from '../address/index.ts';
import type { HeldAddress, LedgerView } from '../analysis/ledger-view.ts';
import { hasFamily, type AllocatorPool } from './pool-config.ts';
import { portsOf, sharingConflict, shareKeyOf, type AddressUsers, type ShareKey, type SharingConflict } from './sharing.ts';
import { formatIp } from '../address/index.ts';

/** The requester of an address: its key, ports and sharing key. */
export interface Requester {
  service: string;
  ports: readonly string[];
  key: ShareKey;
}

/** Which holders count: all of them, or (while allocations are being restored in order) those kept so far. */
export type HolderFilter = ((key: string) => boolean) | null;

/**
 * Who uses an address, as MetalLB's sharing check sees it: the latest holder's key, every holder, and who
 * holds each port. The requester itself is left out: it is judged as if it held nothing yet.
 */
function usersOf(holders: readonly HeldAddress[], counts: HolderFilter, requester: string): AddressUsers | undefined {
  let key: ShareKey | null = null;
  const users: string[] = [];
  const ports: string[] = [];
  for (const h of holders) {
    const rec = h.record;
    if (rec.key === requester || (counts !== null && !counts(rec.key))) continue;
    key = shareKeyOf(rec.service);
    users.push(rec.key);
    for (const port of portsOf(rec.service)) {
      let i = 0;
      while (i < ports.length && ports[i] !== port) i += 2;
      if (i < ports.length) ports[i + 1] = rec.key;
      else ports.push(port, rec.key);
    }
  }
  return key === null ? undefined : { key, users, ports };
}

/** Reads the ledger's address index for the allocator; it holds no state of its own. */
export class AddressState {
  constructor(private readonly ledger: LedgerView) {}

  /** Distinct addresses of the family held in the pool (by any service). */
  inUse(pool: string, family: IpFamily): number {
    return this.ledger.poolByName(pool)?.used[family] ?? 0;
  }

  /** Why the requester may not use the address (its canonical text, when known, saves formatting it), or null (also null when the address is free). */
  conflict(ip: IpAddress, who: Requester, counts: HolderFilter = null, text: string = formatIp(ip.family, ip.value)): SharingConflict | null {
    const holders = this.ledger.addresses.holdersOf(text);
    // Free, or held by the requester alone (as every address is when an allocation is restored): nothing to judge.
    if (holders.length === 0 || (holders.length === 1 && holders[0]!.record.key === who.service)) return null;
    return sharingConflict(usersOf(holders, counts, who.service), who.service, who.key, who.ports);
  }

  private conflictAt(text: string, who: Requester): SharingConflict | null {
    return sharingConflict(usersOf(this.ledger.addresses.holdersOf(text), null, who.service), who.service, who.key, who.ports);
  }

  /** The held addresses under the requester's allow-shared-ip key, one per address. */
  private shareable(who: Requester): HeldAddress[] {
    if (who.key.sharing === '') return [];
    const seen = new Set<string>();
    const out: HeldAddress[] = [];
    for (const a of this.ledger.addresses.sharedUnder(who.key.sharing)) {
      if (seen.has(a.text)) continue;
      seen.add(a.text);
      out.push(a);
    }
    return out;
  }

  /**
   * The address MetalLB would give the requester from the pool in this family: the first entry (in the
   * order written) that has one yields its lowest address that is free, or in use but shareable with the
   * requester; .0 and .255 are skipped when the pool avoids buggy IPs. null when there is none.
   */
  nextFree(pool: AllocatorPool, family: IpFamily, who: Requester): IpAddress | null {
    if (!hasFamily(pool, family)) return null;
    // Full, and nothing to share: answered from the counts without a search.
    if (who.key.sharing === '' && BigInt(this.inUse(pool.name, family)) >= pool.total[family]) return null;
    const candidates = this.shareable(who);
    const used = this.ledger.addresses.used[family];
    for (const r of pool.entries) {
      if (r.family !== family) continue;
      let best = used.firstFree(r.start, r.end, pool.avoidBuggyIPs);
      for (const a of candidates) {
        if (a.family !== family || a.value < r.start || a.value > r.end) continue;
        if (best !== null && a.value >= best) continue;
        if (pool.avoidBuggyIPs && isBuggyIp(family, a.value)) continue;
        if (this.conflictAt(a.text, who) === null) best = a.value;
      }
      if (best !== null) return { family, value: best };
    }
    return null;
  }

  /** Addresses of the pool's family under the requester's sharing key that refuse the requester, with why (for messages). */
  refusedShares(pool: AllocatorPool, family: IpFamily, who: Requester): Array<{ ip: string; conflict: SharingConflict }> {
    const out: Array<{ ip: string; conflict: SharingConflict }> = [];
    for (const a of this.shareable(who)) {
      if (a.family !== family || !a.pools.some((p) => p.name === pool.name)) continue;
      const c = this.conflictAt(a.text, who);
      if (c) out.push({ ip: a.text, conflict: c });
    }
    return out;
  }
}
