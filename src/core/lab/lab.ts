// The lab: a seeded simulation of a cluster whose services come and go with an upward trend, allocated by a MetalLB model.
import { emptySnapshot, type ClusterSnapshot } from '../model/snapshot.ts';
import type { AllocationFailedEvent, Pool, Service } from '../model/types.ts';
import { serviceKey } from '../model/types.ts';
import type { LabController } from './controller.ts';
import { Allocator } from '../allocator/index.ts';
import { Rng } from './rng.ts';
import { BROKEN_SERVICES, EXPANSION_RANGES, FILLING_POOL, labAdvertisements, labNamespaces, labPools, SERVICE_KINDS, type ServiceKind } from './scenario.ts';
import { parseAddressEntry } from '../address/index.ts';
import type { KubeObject } from './kube-objects.ts';
import { LabSpeakers } from './speakers.ts';

const HOUR = 3600;
/** How long the filling pool stays exhausted before the lab's operator adds a range to it. */
export const EXPANSION_DELAY_SECONDS = 12 * HOUR;
/** At most this many pending services of one kind; beyond it nobody creates more. */
const MAX_PENDING_PER_KIND = 30;

const NAMES = ['frontend', 'api', 'gateway', 'search', 'cache', 'ingress', 'metrics', 'grafana', 'kafka', 'postgres', 'redis', 'minio', 'stream', 'auth', 'cart', 'billing', 'media', 'dns'];

export interface LabOptions {
  /** Seconds since the epoch at which the simulation begins. */
  start: number;
  seed?: number;
  /** The allocator playing MetalLB's controller (default: poolwatch's MetalLB-faithful Allocator). */
  controller?: LabController;
}

export type LabChange =
  | { kind: 'Service'; type: 'upsert' | 'delete'; object: Service }
  | { kind: 'Event'; type: 'upsert' | 'delete'; object: AllocationFailedEvent }
  | { kind: 'IPAddressPool'; type: 'upsert'; object: Pool }
  /** What the speakers and frr-k8s report (nodes, peers, sessions, status objects), already as Kubernetes objects. */
  | { kind: 'Object'; type: 'upsert' | 'delete'; object: KubeObject };

interface LabService {
  svc: Service;
  kind: string;
  diesAt: number;
  pending: AllocationFailedEvent | null;
  /** The pool its addresses come from, while it has some. */
  pool: string | null;
}

export class LabCluster {
  /** Current simulated time in seconds since the epoch. */
  now: number;
  /** Increases with every change. */
  version = 0;
  private readonly rng: Rng;
  private readonly controller: LabController;
  private pools: Pool[];
  private readonly namespaces = labNamespaces();
  private readonly services = new Map<string, LabService>();
  private readonly nextCreate = new Map<string, number>();
  private changes: LabChange[] = [];
  private counter = 0;
  private exhaustedSince: number | null = null;
  private expansions = 0;
  private readonly speakers: LabSpeakers;
  /** The speakers' objects as last written, by owner (`cluster` or a service's key), then by kind and name. */
  private readonly speakerObjects = new Map<string, Map<string, KubeObject>>();
  private nextSpeakerChange: number;

  constructor(options: LabOptions) {
    this.now = options.start;
    this.rng = new Rng(options.seed ?? 1);
    this.pools = labPools();
    this.controller = options.controller ?? new Allocator();
    this.controller.setConfig(this.pools, this.namespaces);
    this.speakers = new LabSpeakers(this.now);
    this.nextSpeakerChange = this.speakers.nextChangeAfter(this.now);
    this.syncSpeakers('cluster', this.speakers.clusterObjects(this.now));
    for (const kind of SERVICE_KINDS) {
      for (let i = 0; i < kind.initial; i++) this.create(kind);
      this.nextCreate.set(kind.id, this.now + this.rng.exponential(kind.perHour / HOUR));
    }
    for (const b of BROKEN_SERVICES) {
      const svc = this.makeService(b.namespace, b.name, b.families, {}, b.annotations);
      this.add(svc, 'broken', Infinity);
    }
  }

  /** Runs the simulation up to time t (lab seconds), one event at a time. */
  advanceTo(t: number): void {
    for (;;) {
      let nextAt = Infinity;
      let action: (() => void) | null = null;
      for (const kind of SERVICE_KINDS) {
        const at = this.nextCreate.get(kind.id)!;
        if (at < nextAt) {
          nextAt = at;
          action = () => {
            if (this.pendingOf(kind.id) < MAX_PENDING_PER_KIND) this.create(kind);
            this.nextCreate.set(kind.id, at + this.rng.exponential(kind.perHour / HOUR));
          };
        }
      }
      for (const s of this.services.values()) {
        if (s.diesAt < nextAt) {
          nextAt = s.diesAt;
          action = () => this.remove(s);
        }
      }
      const expandAt = this.exhaustedSince !== null && this.expansions < EXPANSION_RANGES.length ? this.exhaustedSince + EXPANSION_DELAY_SECONDS : Infinity;
      if (expandAt < nextAt) {
        nextAt = expandAt;
        action = () => this.expand();
      }
      if (this.nextSpeakerChange < nextAt) {
        nextAt = this.nextSpeakerChange;
        action = () => this.speakerEpisode();
      }
      if (nextAt > t || !action) break;
      this.now = nextAt;
      action();
    }
    this.now = Math.max(this.now, t);
  }

  snapshot(): ClusterSnapshot {
    const all = [...this.services.values()];
    return {
      ...emptySnapshot(),
      pools: this.pools.map((p) => ({ ...p, addresses: [...p.addresses] })),
      advertisements: labAdvertisements(),
      namespaces: this.namespaces,
      services: all.map((s) => s.svc),
      events: all.flatMap((s) => (s.pending ? [s.pending] : [])),
      problems: [],
      config: [],
    };
  }

  /** What the speakers and frr-k8s report now, as Kubernetes objects (the snapshot holds the rest). */
  speakerState(): KubeObject[] {
    return [...this.speakerObjects.values()].flatMap((m) => [...m.values()]);
  }

  /** Changes since the last call, in order (for sources that apply events one by one). */
  drainChanges(): LabChange[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }

  pendingCount(): number {
    let n = 0;
    for (const s of this.services.values()) if (s.pending) n++;
    return n;
  }

  private pendingOf(kind: string): number {
    let n = 0;
    for (const s of this.services.values()) if (s.pending && s.kind === kind) n++;
    return n;
  }

  private iso(t: number): string {
    return new Date(Math.floor(t) * 1000).toISOString().replace('.000Z', 'Z');
  }

  private makeService(namespace: string, name: string, families: ServiceKind['families'], labels: Record<string, string>, annotations: Record<string, string>): Service {
    const n = ++this.counter;
    const v4 = `10.96.${(n >> 8) & 255}.${n & 255}`;
    const v6 = `fd00:96::${n.toString(16)}`;
    const clusterIPs = families === 'ipv4' ? [v4] : families === 'ipv6' ? [v6] : [v4, v6];
    return {
      namespace,
      name,
      uid: `lab-${n}`,
      creationTimestamp: this.iso(this.now),
      labels: { app: name, ...labels },
      annotations: { ...annotations },
      type: 'LoadBalancer',
      loadBalancerClass: null,
      clusterIPs,
      ipFamilies: families === 'ipv4' ? ['ipv4'] : families === 'ipv6' ? ['ipv6'] : ['ipv4', 'ipv6'],
      ipFamilyPolicy: families === 'dual' ? 'RequireDualStack' : 'SingleStack',
      externalTrafficPolicy: 'Cluster',
      selector: { app: name },
      ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
      loadBalancerIP: null,
      ingressIPs: [],
      location: null,
    };
  }

  private create(kind: ServiceKind): void {
    const namespace = this.rng.pick(kind.namespaces);
    const name = `${this.rng.pick(NAMES)}-${(this.counter + 1).toString(36).padStart(3, '0')}`;
    const svc = this.makeService(namespace, name, kind.families, kind.labels ?? {}, kind.annotations ?? {});
    this.add(svc, kind.id, this.now + this.rng.exponential(1 / kind.meanLifetime));
  }

  private add(svc: Service, kind: string, diesAt: number): void {
    const entry: LabService = { svc, kind, diesAt, pending: null, pool: null };
    this.services.set(serviceKey(svc), entry);
    this.allocate(entry);
  }

  /** Asks the controller for addresses; a failure leaves the service pending with MetalLB's event. */
  private allocate(entry: LabService, retry = false): void {
    const result = this.controller.allocate(entry.svc);
    if (retry && !result.ok) return; // still pending, nothing changed
    if (result.ok) {
      entry.svc = { ...entry.svc, ingressIPs: result.ips };
      entry.pool = result.pool;
      if (entry.pending) this.changes.push({ kind: 'Event', type: 'delete', object: entry.pending });
      entry.pending = null;
    } else {
      entry.svc = { ...entry.svc, ingressIPs: [] };
      const message = result.reason.code === 'pool-exhausted' ? 'no available IPs' : result.reason.message;
      entry.pending = { namespace: entry.svc.namespace, serviceName: entry.svc.name, message: `Failed to allocate IP for "${serviceKey(entry.svc)}": ${message}`, lastTimestamp: this.iso(this.now), location: null };
      if (result.reason.code === 'pool-exhausted' && entry.kind === 'web' && this.exhaustedSince === null) this.exhaustedSince = this.now;
      this.changes.push({ kind: 'Event', type: 'upsert', object: entry.pending });
    }
    this.changes.push({ kind: 'Service', type: 'upsert', object: entry.svc });
    this.version++;
    this.syncService(entry);
  }

  private remove(entry: LabService): void {
    const key = serviceKey(entry.svc);
    this.services.delete(key);
    this.controller.release(key);
    if (entry.pending) this.changes.push({ kind: 'Event', type: 'delete', object: entry.pending });
    this.changes.push({ kind: 'Service', type: 'delete', object: entry.svc });
    this.syncSpeakers(key, []);
    this.version++;
    if (!entry.pending) this.retryPending();
  }

  /** MetalLB retries pending services when addresses are freed or the configuration changes: oldest first. */
  private retryPending(): void {
    for (const s of this.services.values()) if (s.pending) this.allocate(s, true);
    if (this.pendingOf('web') === 0) this.exhaustedSince = null;
  }

  /** An episode starts or ends (a node away or back, a peer down or up, a bad configuration): the speakers follow. */
  private speakerEpisode(): void {
    this.nextSpeakerChange = this.speakers.nextChangeAfter(this.now);
    this.syncSpeakers('cluster', this.speakers.clusterObjects(this.now));
    for (const s of this.services.values()) this.syncService(s);
    this.version++;
  }

  private syncService(entry: LabService): void {
    const objects = entry.pending || entry.pool === null ? [] : this.speakers.serviceObjects(entry.svc, entry.pool, this.now);
    this.syncSpeakers(serviceKey(entry.svc), objects);
  }

  /** Writes what changed between the owner's objects as last written and `desired`, as upserts and deletes. */
  private syncSpeakers(owner: string, desired: KubeObject[]): void {
    const before = this.speakerObjects.get(owner) ?? new Map<string, KubeObject>();
    const after = new Map<string, KubeObject>();
    for (const object of desired) {
      const key = `${object.kind}/${object.metadata.name}`;
      after.set(key, object);
      const old = before.get(key);
      if (!old || JSON.stringify(old) !== JSON.stringify(object)) this.changes.push({ kind: 'Object', type: 'upsert', object });
    }
    for (const [key, object] of before) if (!after.has(key)) this.changes.push({ kind: 'Object', type: 'delete', object });
    if (after.size > 0) this.speakerObjects.set(owner, after);
    else this.speakerObjects.delete(owner);
  }

  /** The operator's fix: one more range for the filling pool, after it has been exhausted for a while. */
  private expand(): void {
    const text = EXPANSION_RANGES[this.expansions++]!;
    this.pools = this.pools.map((p) => (p.name === FILLING_POOL ? { ...p, addresses: [...p.addresses, { text, range: parseAddressEntry(text), error: null, location: null }] } : p));
    this.controller.setConfig(this.pools, this.namespaces);
    this.changes.push({ kind: 'IPAddressPool', type: 'upsert', object: this.pools.find((p) => p.name === FILLING_POOL)! });
    this.version++;
    this.exhaustedSince = null;
    this.retryPending();
  }
}
