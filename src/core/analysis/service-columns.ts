// A batch of services kept as columns: a plain service (canonical addresses in their pools, nothing to note) is a few numbers, and its record is made only when asked for.
import { canonicalIpv4, readCanonicalIpv6 } from '../address/index.ts';
import type { Service } from '../model/types.ts';
import type { ServiceRecord } from './ledger-view.ts';
import type { PoolState } from './pool-state.ts';
import { keyOrderOf } from './record-order.ts';
import { handledByMetallb, NONE, readMetallbAnnotations, type MetallbAnnotations } from './service-record.ts';

/** What the columns need from the ledger: records made as a single change makes them, and the pool an address gets in such a record. */
export interface ColumnsHost {
  readonly loadBalancerClass: string | null;
  /** The pool an IPv4 address of a service with this ip-allocated-from-pool annotation is attributed to; null when no pool holds it. */
  poolOfIpv4(value: number, annotated: string | null): PoolState | null;
  /** The same for an IPv6 address given as its eight 16-bit groups. */
  poolOfIpv6(groups: Uint16Array, annotated: string | null): PoolState | null;
  /** The record of a service, attributed to the current pools. */
  record(svc: Service): ServiceRecord;
}

/** `pool` of a service that is not plain: its record is made at once. */
export const NOT_PLAIN = -2;
/** `pool` of a plain service MetalLB does not handle. */
export const PLAIN_IGNORED = -1;

/**
 * Services loaded at once. Most services in a big cluster are plain: MetalLB handles them, they hold one
 * address, or one of each family, written canonically (so the ingress list is the report's `ips` as it
 * is), pools hold them (the annotated one, when annotated) and nothing about them is worth a finding; or
 * MetalLB ignores them. A plain service is read in one pass in the order given (the order its
 * objects lie in memory, about twice as fast to read as key order) into a few numbers; the record, with
 * its address object, is made only for a service that a finding, an explanation or a single change needs.
 * Every other service gets its record at once.
 */
export class ServiceColumns {
  /** Records made so far, by position: every service that is not plain, and the plain ones asked for. */
  readonly records: (ServiceRecord | undefined)[];
  /** Per service: when plain and handled, the pool of its first address (the record's `pool`); else PLAIN_IGNORED or NOT_PLAIN. */
  readonly pool: Int32Array;
  /** Per plain handled service: its IPv4 address's value and pool, -1 when it has none. */
  readonly ipv4: Float64Array;
  readonly ipv4Pool: Int32Array;
  /** Per plain handled service: its IPv6 address (canonical text) and pool, -1 when it has none. */
  readonly ipv6: (string | undefined)[];
  readonly ipv6Pool: Int32Array;
  /** Per service: its namespace, as an index into `namespaces`. */
  readonly namespaceIds: Int32Array;
  readonly namespaces: string[] = [];
  readonly names: string[];
  /** Per plain service: the report's `ips` (the ingress list itself, already canonical). */
  readonly ips: string[][];
  readonly sharingKeys: (string | null)[];
  /** IPv4 addresses held in all (one per plain handled service, plus those of the records). */
  readonly ipv4Count: number;
  /** Positions in key order. */
  readonly order: number[];
  /** Whether some namespace/name is given more than once. */
  readonly repeated: boolean;
  /** The groups of the IPv6 address being read. */
  private readonly groups = new Uint16Array(8);

  constructor(
    readonly services: readonly Service[],
    private readonly host: ColumnsHost,
  ) {
    const n = services.length;
    this.records = new Array<ServiceRecord | undefined>(n);
    this.pool = new Int32Array(n);
    this.ipv4 = new Float64Array(n);
    this.ipv4Pool = new Int32Array(n);
    this.ipv6 = new Array<string | undefined>(n);
    this.ipv6Pool = new Int32Array(n);
    this.namespaceIds = new Int32Array(n);
    this.names = new Array<string>(n);
    this.ips = new Array<string[]>(n);
    this.sharingKeys = new Array<string | null>(n);
    const ids = new Map<string, number>();
    const read: MetallbAnnotations = { sharingKey: null, allocatedFrom: null, notes: 0 };
    let ipv4Count = 0;
    for (let i = 0; i < n; i++) {
      const svc = services[i]!;
      let id = ids.get(svc.namespace);
      if (id === undefined) {
        id = this.namespaces.length;
        ids.set(svc.namespace, id);
        this.namespaces.push(svc.namespace);
      }
      this.namespaceIds[i] = id;
      this.names[i] = svc.name;
      readMetallbAnnotations(svc.annotations, read);
      if (!handledByMetallb(svc, host.loadBalancerClass)) {
        this.pool[i] = PLAIN_IGNORED;
        this.ips[i] = NONE;
        this.sharingKeys[i] = read.sharingKey;
        continue;
      }
      if (read.notes === 0 && svc.loadBalancerIP === null && this.readPlain(i, svc.ingressIPs, read.allocatedFrom)) {
        this.ips[i] = svc.ingressIPs;
        this.sharingKeys[i] = read.sharingKey;
        if (this.ipv4Pool[i]! >= 0) ipv4Count++;
        continue;
      }
      const rec = host.record(svc);
      this.records[i] = rec;
      this.pool[i] = NOT_PLAIN;
      this.ips[i] = NONE;
      this.sharingKeys[i] = null;
      if (rec.state !== 'ignored') for (const a of rec.addresses) if (a.family === 'ipv4') ipv4Count++;
    }
    this.ipv4Count = ipv4Count;
    const order = keyOrderOf(this.namespaceIds, this.namespaces, this.names);
    this.order = order.order;
    this.repeated = order.repeated;
  }

  /**
   * Whether the addresses of a handled service make it plain, and if so, writes them at `i`: one or two
   * entries, at most one per family, each written canonically and held by a pool that the annotation, if
   * any, names (else the record would note an address outside the pools or a stale allocation).
   */
  private readPlain(i: number, ingress: readonly string[], annotated: string | null): boolean {
    if (ingress.length === 0 || ingress.length > 2) return false;
    let v4 = -1;
    let v4Pool = -1;
    let v6: string | undefined;
    let v6Pool = -1;
    let first = -1;
    for (let k = 0; k < ingress.length; k++) {
      const raw = ingress[k]!;
      const value = canonicalIpv4(raw);
      let pool: PoolState | null;
      if (value >= 0) {
        if (v4Pool >= 0) return false;
        pool = this.host.poolOfIpv4(value, annotated);
        if (pool === null) return false;
        v4 = value;
        v4Pool = pool.index;
      } else {
        if (v6Pool >= 0 || !readCanonicalIpv6(raw, this.groups)) return false;
        pool = this.host.poolOfIpv6(this.groups, annotated);
        if (pool === null) return false;
        v6 = raw;
        v6Pool = pool.index;
      }
      if (annotated !== null && pool.name !== annotated) return false;
      if (k === 0) first = pool.index;
    }
    this.pool[i] = first;
    this.ipv4[i] = v4;
    this.ipv4Pool[i] = v4Pool;
    this.ipv6[i] = v6;
    this.ipv6Pool[i] = v6Pool;
    return true;
  }

  get size(): number {
    return this.services.length;
  }

  /** The record of the service at `i`, made now if it was plain. */
  record(i: number): ServiceRecord {
    return (this.records[i] ??= this.host.record(this.services[i]!));
  }

  /** Every record, in the order given. */
  all(): ServiceRecord[] {
    const out = new Array<ServiceRecord>(this.size);
    for (let i = 0; i < out.length; i++) out[i] = this.record(i);
    return out;
  }

  /** Every record, in key order. */
  sorted(): ServiceRecord[] {
    return this.order.map((i) => this.record(i));
  }

  /**
   * The services with each namespace/name once: the last one given wins, at the first one's place (as a map
   * set in order keeps it). Only for a batch with `repeated`.
   */
  distinct(): Service[] {
    const winner = new Map<number, number>();
    const dropped = new Set<number>();
    const order = this.order;
    for (let k = 0; k < order.length; ) {
      let j = k + 1;
      const i = order[k]!;
      while (j < order.length && this.namespaceIds[order[j]!] === this.namespaceIds[i] && this.names[order[j]!] === this.names[i]) j++;
      // Key order is stable: the run lists the repeats in the order given.
      if (j - k > 1) {
        winner.set(i, order[j - 1]!);
        for (let m = k + 1; m < j; m++) dropped.add(order[m]!);
      }
      k = j;
    }
    const out: Service[] = [];
    for (let i = 0; i < this.services.length; i++) {
      if (dropped.has(i)) continue;
      out.push(this.services[winner.get(i) ?? i]!);
    }
    return out;
  }
}
