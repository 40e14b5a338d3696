// A service's ledger record: its state, the addresses it holds as canonical text, and its MetalLB annotations.
import { readIp, type IpFamily } from '../address/index.ts';
import { ANNOTATION_PREFIX, LEGACY_ANNOTATION_PREFIX } from '../model/annotations.ts';
import type { Service } from '../model/types.ts';
import type { HeldAddress, ServiceRecord } from './ledger-view.ts';
import type { ServiceState } from '../report/types.ts';

/**
 * Shared by every record without unparsable ingress entries (nearly all), or without addresses, to save an
 * array each; frozen, so a stray push fails loudly instead of changing every record.
 */
export const NONE = Object.freeze([]) as unknown as string[];
const NO_ADDRESSES = Object.freeze([]) as unknown as HeldAddress[];
const NO_POOLS: HeldAddress['pools'] = Object.freeze([]);

/** buildRecord's annotations, read into one object reused for every record. */
const scratch: MetallbAnnotations = { sharingKey: null, allocatedFrom: null };

const SHARED = `${ANNOTATION_PREFIX}allow-shared-ip`;
const LEGACY_SHARED = `${LEGACY_ANNOTATION_PREFIX}allow-shared-ip`;
const ALLOCATED = `${ANNOTATION_PREFIX}ip-allocated-from-pool`;
const LEGACY_ALLOCATED = `${LEGACY_ANNOTATION_PREFIX}ip-allocated-from-pool`;

/** Whether MetalLB's controller handles the service (type LoadBalancer and the matching loadBalancerClass). */
export function handledByMetallb(svc: Service, loadBalancerClass: string | null): boolean {
  if (svc.type !== 'LoadBalancer') return false;
  return svc.loadBalancerClass === loadBalancerClass;
}

/** One held address, as the parser read it (an IPv4 value also as a number, cheaper to look up in pools). */
class Held implements HeldAddress {
  pools: HeldAddress['pools'] = NO_POOLS;

  constructor(
    readonly family: IpFamily,
    readonly text: string,
    readonly v4: number,
    readonly value: bigint,
    readonly record: ServiceRecord,
  ) {}
}

class LedgerRecord implements ServiceRecord {
  addresses = NO_ADDRESSES;
  ips = NONE;
  unparsable = NONE;
  pool: ServiceRecord['pool'] = null;
  sharingKey: string | null = null;
  allocatedFrom: string | null = null;
  memoEntry: ServiceRecord['memoEntry'] = null;
  memoFindings: ServiceRecord['memoFindings'] = null;
  memoEpoch: object | null = null;

  constructor(
    readonly service: Service,
    readonly state: ServiceState,
    readonly namespace: string,
    readonly name: string,
    private joined: string | null,
  ) {}

  /** Joined when first asked for: a batch analysis needs it only for the few services it reports on. */
  get key(): string {
    return (this.joined ??= `${this.namespace}/${this.name}`);
  }
}

/** The record of `svc` (its key given when already known), with no pool attributed yet (the ledger does that and adds the pool notes). */
export function buildRecord(svc: Service, loadBalancerClass: string | null, key: string | null = null): ServiceRecord {
  const state = !handledByMetallb(svc, loadBalancerClass) ? 'ignored' : svc.ingressIPs.length === 0 ? 'pending' : 'allocated';
  const rec = new LedgerRecord(svc, state, svc.namespace, svc.name, key);
  const read = readMetallbAnnotations(svc.annotations, scratch);
  rec.sharingKey = read.sharingKey;
  rec.allocatedFrom = read.allocatedFrom;
  if (state === 'ignored') return rec;
  const ingress = svc.ingressIPs;
  // Arrays of the exact length (nearly always one address): an array grown by push reserves room for 16.
  let addresses = NO_ADDRESSES;
  for (let i = 0; i < ingress.length; i++) {
    const raw = ingress[i]!;
    const ip = readIp(raw);
    if (!ip.ok) {
      rec.unparsable = [...rec.unparsable, raw];
      continue;
    }
    const held = new Held(ip.family, ip.text, ip.family === 'ipv4' ? Number(ip.value) : -1, ip.value, rec);
    const text = held.text;
    if (addresses.length === 0) addresses = [held];
    else if (!addresses.some((a) => a.text === text)) addresses = [...addresses, held];
  }
  rec.addresses = addresses;
  // Nearly always the addresses are the ingress entries as written (canonical, distinct): then they are the same list.
  rec.ips = addresses.length === 0 ? NONE : addresses.length === ingress.length && addresses.every((a, i) => a.text === ingress[i]) ? ingress : addresses.map((a) => a.text);
  return rec;
}

/** The MetalLB annotations a record needs (filled in place by readMetallbAnnotations). */
export interface MetallbAnnotations {
  sharingKey: string | null;
  allocatedFrom: string | null;
}

/**
 * Reads the MetalLB annotations the ledger needs into `out`, in one walk over the keys (a service has few):
 * cheaper than a lookup per annotation name. The metallb.io/ value wins over the legacy one, as in MetalLB.
 */
export function readMetallbAnnotations(annotations: Readonly<Record<string, string>>, out: MetallbAnnotations): MetallbAnnotations {
  let sharing: string | null = null;
  let legacySharing: string | null = null;
  let allocated: string | null = null;
  let legacyAllocated: string | null = null;
  for (const k in annotations) {
    // Every key of interest starts with "metallb.".
    if (k.charCodeAt(0) !== 109 || !k.startsWith('metallb.')) continue;
    switch (k) {
      case SHARED:
        sharing = annotations[k]!;
        break;
      case LEGACY_SHARED:
        legacySharing = annotations[k]!;
        break;
      case ALLOCATED:
        allocated = annotations[k]!;
        break;
      case LEGACY_ALLOCATED:
        legacyAllocated = annotations[k]!;
        break;
    }
  }
  out.sharingKey = sharing ?? legacySharing;
  out.allocatedFrom = allocated ?? legacyAllocated;
  return out;
}
