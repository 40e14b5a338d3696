// The lab source for `serve --source lab`: runs the simulated cluster on a timer and feeds its objects through the live store.
import { advertisementObject, eventObject, LabCluster, namespaceObject, poolObject, serviceObject, type LabChange } from '../core/lab/index.ts';
import type { Report } from '../core/report/types.ts';
import type { EventsInput, ServiceExplanation } from '../core/explain/explain-service.ts';
import type { AnalysisOptions } from '../core/analysis/options.ts';
import { ClusterStore } from './cluster-store.ts';
import type { SourceHealth } from '../core/report/source-health.ts';

export interface LabSourceOptions {
  /** Simulated seconds per real second (`--lab-speed`). */
  speed: number;
  seed?: number;
  /** Simulated history before the page opens, so the trend and forecast have data at once. Default 6h. */
  warmupSeconds?: number;
  /** Simulated seconds between warm-up steps (default 60: the default sample interval). */
  warmupStepSeconds?: number;
  /** Real milliseconds between simulation steps. Default 250. */
  tickMs?: number;
  /** Real clock in milliseconds (injectable for tests). */
  realNow?: () => number;
  analysis?: AnalysisOptions;
}

/** The store the server reads: reports carry the lab's clock as generatedAt. */
class LabStore {
  readonly inner: ClusterStore;
  private readonly clock: () => number;

  constructor(inner: ClusterStore, clock: () => number) {
    this.inner = inner;
    this.clock = clock;
  }

  get eventsApplied(): ReadonlyMap<string, number> {
    return this.inner.eventsApplied;
  }

  get onApplied(): ((seconds: number) => void) | null {
    return this.inner.onApplied;
  }

  set onApplied(f: ((seconds: number) => void) | null) {
    this.inner.onApplied = f;
  }

  report(): Report {
    return this.inner.report(this.time());
  }

  explain(key: string, events: EventsInput): ServiceExplanation | null {
    return this.inner.explain(key, events, this.time());
  }

  private time(): Date {
    return new Date(Math.floor(this.clock()) * 1000);
  }
}

export class LabSource {
  readonly lab: LabCluster;
  /** Called at each warm-up step with the simulated time, so the history records samples. */
  onWarmupStep: ((labNowSeconds: number) => void) | null = null;
  private readonly options: LabSourceOptions;
  private readonly cluster: ClusterStore;
  private readonly labStore: LabStore;
  private readonly realNow: () => number;
  /** Real and simulated time when the live run began. */
  private anchor: { realMs: number; lab: number } | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastTickMs: number | null = null;

  constructor(options: LabSourceOptions) {
    this.options = options;
    this.realNow = options.realNow ?? Date.now;
    const warmup = options.warmupSeconds ?? 6 * 3600;
    this.lab = new LabCluster({ start: this.realNow() / 1000 - warmup, seed: options.seed ?? 1 });
    this.cluster = new ClusterStore(options.analysis ?? {});
    this.labStore = new LabStore(this.cluster, () => this.now());
    const snap = this.lab.snapshot();
    for (const n of snap.namespaces) this.cluster.upsert(namespaceObject(n));
    for (const p of snap.pools) this.cluster.upsert(poolObject(p));
    for (const a of snap.advertisements) this.cluster.upsert(advertisementObject(a));
    for (const s of snap.services) this.cluster.upsert(serviceObject(s));
    for (const e of snap.events) this.cluster.upsert(eventObject(e));
    for (const o of this.lab.speakerState()) this.cluster.upsert(o);
    this.lab.drainChanges(); // already in the snapshot
  }

  /** Simulated seconds per real second. */
  get speed(): number {
    return this.options.speed;
  }

  /** The simulated clock in seconds since the epoch. */
  now(): number {
    if (!this.anchor) return this.lab.now;
    return this.anchor.lab + ((this.realNow() - this.anchor.realMs) / 1000) * this.options.speed;
  }

  store(): LabStore {
    return this.labStore;
  }

  health(): SourceHealth {
    return {
      source: 'lab',
      up: true,
      ready: this.anchor !== null,
      lastSyncMs: this.lastTickMs,
      restarts: {},
      notes: [`simulated cluster at ${this.options.speed}x speed`],
    };
  }

  /** Simulates the warm-up (recording history on the way), then follows real time times the speed. */
  async start(): Promise<void> {
    const step = this.options.warmupStepSeconds ?? 60;
    const end = this.realNow() / 1000;
    for (let t = this.lab.now; t < end; t += step) {
      this.advance(t);
      this.onWarmupStep?.(t);
    }
    this.advance(end);
    this.anchor = { realMs: this.realNow(), lab: end };
    this.lastTickMs = this.realNow();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 250);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One step of the live run: exposed for tests. */
  tick(): void {
    this.advance(this.now());
    this.lastTickMs = this.realNow();
  }

  private advance(t: number): void {
    this.lab.advanceTo(t);
    for (const change of this.lab.drainChanges()) this.apply(change);
  }

  private apply(c: LabChange): void {
    switch (c.kind) {
      case 'Service':
        if (c.type === 'delete') this.cluster.remove(serviceObject(c.object));
        else this.cluster.upsert(serviceObject(c.object));
        break;
      case 'Event':
        if (c.type === 'delete') this.cluster.remove(eventObject(c.object));
        else this.cluster.upsert(eventObject(c.object));
        break;
      case 'IPAddressPool':
        this.cluster.upsert(poolObject(c.object));
        break;
      case 'Object':
        if (c.type === 'delete') this.cluster.remove(c.object);
        else this.cluster.upsert(c.object);
        break;
    }
  }
}
