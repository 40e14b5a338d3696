// The part of MetalLB's controller the lab needs: allocate addresses to a new service, release them when it goes.
import { formatIp, isBuggyIp, parseIp, rangeContains, type IpFamily } from '../address/index.ts';
import { metallbAnnotation } from '../model/annotations.ts';
import { serviceKey, type Namespace, type Pool, type Service } from '../model/types.ts';
import type { Reason } from '../report/types.ts';

export type AllocationResult = { ok: true; pool: string; ips: string[] } | { ok: false; reason: Reason };

/** What the lab asks of an allocator (the shape of src/core/allocator's Allocator). */
export interface LabController {
  setConfig(pools: readonly Pool[], namespaces: readonly Namespace[]): unknown;
  allocate(svc: Service): AllocationResult;
  release(key: string): void;
}

function wantedFamilies(svc: Service): IpFamily[] {
  return svc.ipFamilies.length ? [...svc.ipFamilies] : ['ipv4'];
}

/**
 * A first-free allocator for the lab's simple services: the address-pool annotation, namespace-pinned pools
 * by priority, then autoAssign pools; lowest free address first, skipping .0/.255 with avoidBuggyIPs.
 */
export class SimpleLabController implements LabController {
  private pools: Pool[] = [];
  private readonly used = new Map<string, string>(); // ip -> service key
  private readonly held = new Map<string, string[]>();

  setConfig(pools: readonly Pool[]): void {
    this.pools = [...pools];
  }

  release(key: string): void {
    for (const ip of this.held.get(key) ?? []) this.used.delete(ip);
    this.held.delete(key);
  }

  allocate(svc: Service): AllocationResult {
    const key = serviceKey(svc);
    this.release(key);
    const families = wantedFamilies(svc);
    const requested = metallbAnnotation(svc, 'loadBalancerIPs');
    if (requested) {
      const ip = requested.value.trim();
      const holder = this.used.get(ip);
      if (holder) return { ok: false, reason: { code: 'requested-ip-in-use', message: `${ip} is held by ${holder}` } };
      const parsed = parseIp(ip);
      const pool = this.pools.find((p) => p.addresses.some((a) => a.range && rangeContains(a.range, parsed.family, parsed.value)));
      if (!pool) return { ok: false, reason: { code: 'requested-ip-not-in-pool', message: `${ip} is in no pool` } };
      return this.commit(key, pool.name, [ip]);
    }
    const named = metallbAnnotation(svc, 'address-pool');
    let candidates: Pool[];
    if (named) {
      const pool = this.pools.find((p) => p.name === named.value);
      if (!pool) return { ok: false, reason: { code: 'unknown-pool', message: `pool "${named.value}" does not exist` } };
      candidates = [pool];
    } else {
      const pinned = this.pools
        .filter((p) => p.serviceAllocation && (p.serviceAllocation.namespaces.includes(svc.namespace) || p.serviceAllocation.serviceSelectors.some((s) => Object.entries(s.matchLabels).every(([k, v]) => svc.labels[k] === v))))
        .sort((a, b) => (a.serviceAllocation!.priority ?? Infinity) - (b.serviceAllocation!.priority ?? Infinity) || (a.name < b.name ? -1 : 1));
      const open = this.pools.filter((p) => p.autoAssign && !p.serviceAllocation).sort((a, b) => (a.name < b.name ? -1 : 1));
      candidates = [...pinned, ...open];
    }
    const withFamilies = candidates.filter((p) => families.every((f) => p.addresses.some((a) => a.range?.family === f)));
    if (withFamilies.length === 0) return { ok: false, reason: { code: 'no-matching-pool', message: `no pool offers ${families.join(' and ')} to ${key}` } };
    for (const pool of withFamilies) {
      const ips = families.map((f) => this.firstFree(pool, f));
      if (ips.every((ip) => ip !== null)) return this.commit(key, pool.name, ips as string[]);
    }
    return { ok: false, reason: { code: 'pool-exhausted', message: `pools ${withFamilies.map((p) => `"${p.name}"`).join(', ')} have no free ${families.join('+')} address` } };
  }

  private firstFree(pool: Pool, family: IpFamily): string | null {
    for (const a of pool.addresses) {
      if (!a.range || a.range.family !== family) continue;
      // The lab's pools are small or sparsely used, so a scan from the start ends quickly.
      for (let v = a.range.start; v <= a.range.end; v++) {
        if (pool.avoidBuggyIPs && isBuggyIp(family, v)) continue;
        const ip = formatIp(family, v);
        if (!this.used.has(ip)) return ip;
      }
    }
    return null;
  }

  private commit(key: string, pool: string, ips: string[]): AllocationResult {
    for (const ip of ips) this.used.set(ip, key);
    this.held.set(key, ips);
    return { ok: true, pool, ips };
  }
}
