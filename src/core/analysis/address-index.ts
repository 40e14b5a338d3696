// The one address state: who holds which address, every pool's distinct counts, and the used runs the allocator searches.
import type { IpFamily } from '../address/index.ts';
import { UsedAddresses } from './used-addresses.ts';
import type { HeldAddress, ServiceRecord } from './ledger-view.ts';

const NO_HOLDERS: readonly HeldAddress[] = [];

function* valuesOf(slots: Map<string, HeldAddress | HeldAddress[]>, family: IpFamily): Iterable<bigint> {
  for (const held of slots.values()) {
    const a = Array.isArray(held) ? held[0]! : held;
    if (a.family === family) yield a.value;
  }
}

/**
 * Held addresses by canonical text. A pool's in-use count is the number of distinct held addresses it
 * holds, whichever pool a service is attributed to: so `available` is what could still be handed out from
 * it, and overlapping pools agree with the allocator. Per pool and namespace the same, counting the
 * holders of that namespace. add/remove cost O(pools holding the address + its other holders).
 */
export class AddressIndex {
  /** Canonical address text -> who holds it: one HeldAddress (the common case, kept unboxed) or several. */
  private readonly slots = new Map<string, HeldAddress | HeldAddress[]>();
  /** Addresses held by more than one service. */
  private readonly contestedSet = new Map<string, HeldAddress>();
  /** allow-shared-ip key -> the held addresses of services with that key (few: sharing is rare). */
  private readonly sharing = new Map<string, Set<HeldAddress>>();
  /** Used addresses as sorted runs, per family, built on the first search (the allocator's next free address). */
  readonly used: Record<IpFamily, UsedAddresses> = {
    ipv4: new UsedAddresses('ipv4', () => valuesOf(this.slots, 'ipv4')),
    ipv6: new UsedAddresses('ipv6', () => valuesOf(this.slots, 'ipv6')),
  };

  /** Forgets every address (the pools' counts are reset by their owner). */
  clear(): void {
    this.slots.clear();
    this.contestedSet.clear();
    this.sharing.clear();
    this.used.ipv4.reset();
    this.used.ipv6.reset();
  }

  /** Records `a` as a holder of its address and counts it in every pool holding it. */
  add(a: HeldAddress): void {
    const held = this.slots.get(a.text);
    const ns = a.record.namespace;
    let newAddress = false;
    let newInNamespace = true;
    if (held === undefined) {
      this.slots.set(a.text, a);
      newAddress = true;
      this.used[a.family].add(a.value);
    } else if (Array.isArray(held)) {
      for (const h of held) if (h.record.namespace === ns) newInNamespace = false;
      held.push(a);
    } else {
      if (held.record.namespace === ns) newInNamespace = false;
      this.slots.set(a.text, [held, a]);
      this.contestedSet.set(a.text, held);
    }
    const pools = a.pools;
    for (let i = 0; i < pools.length; i++) {
      const p = pools[i]!;
      if (newAddress) p.used[a.family]++;
      if (newInNamespace) p.addNamespace(ns, a.family, 1);
    }
    const key = a.record.sharingKey;
    if (key !== null) {
      let set = this.sharing.get(key);
      if (!set) this.sharing.set(key, (set = new Set()));
      set.add(a);
    }
  }

  /** Takes `a` back (it must have been added). */
  remove(a: HeldAddress): void {
    const held = this.slots.get(a.text);
    const ns = a.record.namespace;
    let lastAddress = false;
    let lastInNamespace = true;
    if (held === a) {
      this.slots.delete(a.text);
      lastAddress = true;
      this.used[a.family].delete(a.value);
    } else if (Array.isArray(held)) {
      const i = held.indexOf(a);
      if (i < 0) return;
      held.splice(i, 1);
      for (const h of held) if (h.record.namespace === ns) lastInNamespace = false;
      if (held.length === 1) {
        this.slots.set(a.text, held[0]!);
        this.contestedSet.delete(a.text);
      } else this.contestedSet.set(a.text, held[0]!);
    } else return;
    const pools = a.pools;
    for (let i = 0; i < pools.length; i++) {
      const p = pools[i]!;
      if (lastAddress) p.used[a.family]--;
      if (lastInNamespace) p.addNamespace(ns, a.family, -1);
    }
    const key = a.record.sharingKey;
    if (key !== null) {
      const set = this.sharing.get(key);
      set?.delete(a);
      if (set?.size === 0) this.sharing.delete(key);
    }
  }

  /** Who holds the address given as canonical text, in the order they came. */
  holdersOf(text: string): readonly HeldAddress[] {
    const held = this.slots.get(text);
    return held === undefined ? NO_HOLDERS : Array.isArray(held) ? held : [held];
  }

  /** The services holding the address. */
  recordsOf(text: string): readonly ServiceRecord[] {
    const held = this.slots.get(text);
    return held === undefined ? [] : Array.isArray(held) ? held.map((h) => h.record) : [held.record];
  }

  /** Addresses held by more than one service: one holder of each. */
  contested(): Iterable<HeldAddress> {
    return this.contestedSet.values();
  }

  /** The held addresses of services whose allow-shared-ip key is `key`. */
  sharedUnder(key: string): Iterable<HeldAddress> {
    return this.sharing.get(key) ?? NO_HOLDERS;
  }
}
