// The live snapshot: applies each add/update/delete of a Kubernetes object to the model and the incremental ledger.
import type { PoolLedger } from '../core/analysis/ledger.ts';
import { createLedger } from '../core/pipeline/analyze.ts';
import type { AnalysisOptions } from '../core/analysis/options.ts';
import { decodeObject } from '../core/model/decode/index.ts';
import type { Advertisement, ConfigObject, InputProblem, Namespace, Pool } from '../core/model/types.ts';
import type { Report } from '../core/report/types.ts';

/** A Kubernetes object as read from the API (or a manifest): kind, apiVersion and metadata are what the store needs. */
export interface RawObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Holds what the cluster looks like now. A Service or Event touches only its own entry in the ledger
 * (no recomputation of other services or pools); pool, advertisement and namespace changes, which are
 * rare, re-set that list in the ledger.
 */
export class ClusterStore {
  readonly ledger: PoolLedger;
  /** Events applied so far, by kind. */
  readonly eventsApplied = new Map<string, number>();
  /** Called with the seconds each applied event took. */
  onApplied: ((seconds: number) => void) | null = null;

  private readonly pools = new Map<string, Pool[]>();
  private readonly advertisements = new Map<string, Advertisement>();
  private readonly namespaces = new Map<string, Namespace>();
  private readonly problems = new Map<string, InputProblem[]>();
  /** MetalLB configuration objects as written, by object key (for the configuration checks). */
  private readonly config = new Map<string, ConfigObject>();
  /** AllocationFailed events by object key: the service they name. */
  private readonly events = new Map<string, { namespace: string; serviceName: string }>();
  private cached: { version: number; report: Report } | null = null;

  constructor(options: AnalysisOptions = {}) {
    this.ledger = createLedger(options);
  }

  /** Adds or replaces an object. */
  upsert(object: RawObject): void {
    this.apply(object, false);
  }

  /** Removes an object (only kind, namespace and name are read). */
  remove(object: RawObject): void {
    this.apply(object, true);
  }

  /** The report for the current state; recomputed only after a change. */
  report(now: Date = new Date()): Report {
    if (this.cached?.version !== this.ledger.version) this.cached = { version: this.ledger.version, report: this.ledger.report(now) };
    return this.cached!.report;
  }

  get version(): number {
    return this.ledger.version;
  }

  private apply(object: RawObject, removed: boolean): void {
    const started = performance.now();
    const kind = object.kind ?? '?';
    const ns = object.metadata.namespace ?? '';
    const key = `${kind}/${ns}/${object.metadata.name}`;
    const decoded = removed ? { objects: [], problems: [] } : decodeObject(object);
    const hadProblems = this.problems.has(key);
    if (decoded.problems.length > 0) this.problems.set(key, decoded.problems);
    else this.problems.delete(key);
    if (decoded.config) {
      this.config.set(key, decoded.config);
      this.ledger.setConfig(this.sortedValues(this.config));
    } else if (this.config.delete(key)) {
      this.ledger.setConfig(this.sortedValues(this.config));
    }

    switch (kind) {
      case 'Service': {
        const svc = decoded.objects.find((o) => o.kind === 'service');
        if (svc && svc.kind === 'service') this.ledger.upsertService(svc.value);
        else this.ledger.removeService(ns, object.metadata.name);
        break;
      }
      case 'Event': {
        const ev = decoded.objects.find((o) => o.kind === 'event');
        const before = this.events.get(key);
        if (ev && ev.kind === 'event') {
          this.events.set(key, { namespace: ev.value.namespace, serviceName: ev.value.serviceName });
          this.ledger.upsertEvent(ev.value);
        } else if (before) {
          this.events.delete(key);
          this.ledger.removeEvent(before.namespace, before.serviceName);
        }
        break;
      }
      case 'Namespace': {
        const n = decoded.objects.find((o) => o.kind === 'namespace');
        if (n && n.kind === 'namespace') this.namespaces.set(key, n.value);
        else this.namespaces.delete(key);
        this.ledger.setNamespaces(this.sortedValues(this.namespaces));
        break;
      }
      case 'IPAddressPool':
      case 'ConfigMap': {
        const pools = decoded.objects.flatMap((o) => (o.kind === 'pool' ? [o.value] : []));
        if (pools.length > 0) this.pools.set(key, pools);
        else if (!this.pools.delete(key)) break;
        this.ledger.setPools([...this.pools.keys()].sort(compareKeys).flatMap((k) => this.pools.get(k)!));
        break;
      }
      case 'L2Advertisement':
      case 'BGPAdvertisement': {
        const a = decoded.objects.find((o) => o.kind === 'advertisement');
        if (a && a.kind === 'advertisement') this.advertisements.set(key, a.value);
        else this.advertisements.delete(key);
        this.ledger.setAdvertisements(this.sortedValues(this.advertisements));
        break;
      }
      default:
        break;
    }
    if (hadProblems || decoded.problems.length > 0) this.ledger.setProblems([...this.problems.values()].flat());
    this.eventsApplied.set(kind, (this.eventsApplied.get(kind) ?? 0) + 1);
    this.onApplied?.((performance.now() - started) / 1000);
  }

  private sortedValues<T>(map: Map<string, T>): T[] {
    return [...map.keys()].sort(compareKeys).map((k) => map.get(k)!);
  }
}
