// The live snapshot: applies each add/update/delete of a Kubernetes object to the model and the incremental ledger.
import type { PoolLedger } from '../core/analysis/ledger.ts';
import { createLedger } from '../core/pipeline/analyze.ts';
import type { AnalysisOptions } from '../core/analysis/options.ts';
import { decodeObject, groupOf } from '../core/model/kinds/decode-object.ts';
import { kindOf, type AnyKind } from '../core/model/kinds/index.ts';
import type { Kind } from '../core/model/kinds/kind.ts';
import type { ConfigObject, InputProblem } from '../core/model/types.ts';
import type { Report } from '../core/report/types.ts';
import { explainService, type EventsInput, type ServiceExplanation } from '../core/explain/explain-service.ts';

/** A Kubernetes object as read from the API (or a manifest): kind, apiVersion and metadata are what the store needs. */
export interface RawObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Holds what the cluster looks like now. Each kind says how its objects reach the ledger (see
 * src/core/model/kinds/kind.ts): a Service or Event touches only its own entry (no recomputation of other
 * services or pools); pools, advertisements and namespaces, which are rare, re-set their whole list.
 */
export class ClusterStore {
  readonly ledger: PoolLedger;
  /** Events applied so far, by kind. */
  readonly eventsApplied = new Map<string, number>();
  /** Called with the seconds each applied event took. */
  onApplied: ((seconds: number) => void) | null = null;

  /** Per slot, the values of each object by object key: kept for `all` kinds, and for `each` kinds that remember. */
  private readonly slots = new Map<string, Map<string, unknown[]>>();
  private readonly problems = new Map<string, InputProblem[]>();
  /** MetalLB configuration objects as written, by object key (for the configuration checks). */
  private readonly config = new Map<string, ConfigObject>();
  private cached: { version: number; report: Report } | null = null;

  constructor(options: AnalysisOptions = {}) {
    this.ledger = createLedger(options);
  }

  /** Adds or replaces an object. */
  upsert(object: RawObject): void {
    this.apply(object, false);
  }

  /** Removes an object (only kind, apiVersion, namespace and name are read). */
  remove(object: RawObject): void {
    this.apply(object, true);
  }

  /** The report for the current state; recomputed only after a change. */
  report(now: Date = new Date()): Report {
    if (this.cached?.version !== this.ledger.version) this.cached = { version: this.ledger.version, report: this.ledger.report(now) };
    return this.cached!.report;
  }

  explain(key: string, events: EventsInput, now: Date = new Date()): ServiceExplanation | null {
    return explainService(this.ledger, key, { now, events });
  }

  get version(): number {
    return this.ledger.version;
  }

  private apply(object: RawObject, removed: boolean): void {
    const started = performance.now();
    const kindName = object.kind ?? '?';
    const ns = object.metadata.namespace ?? '';
    const key = `${kindName}/${ns}/${object.metadata.name}`;
    const decoded = removed ? { objects: [], problems: [] } : decodeObject(object);
    // Nearly every object is free of problems: no lookup while none is kept.
    const hadProblems = this.problems.size > 0 && this.problems.has(key);
    if (decoded.problems.length > 0) this.problems.set(key, decoded.problems);
    else if (hadProblems) this.problems.delete(key);
    if (decoded.config) this.config.set(key, decoded.config);
    if (decoded.config || (this.config.size > 0 && this.config.delete(key))) this.ledger.setConfig([...this.config.keys()].sort(compareKeys).map((k) => this.config.get(k)!));

    const kind = kindOf(groupOf(object.apiVersion) ?? '', kindName);
    if (kind) this.applyKind(kind, key, { namespace: ns, name: object.metadata.name }, decoded.objects.map((o) => o.value));
    if (hadProblems || decoded.problems.length > 0) this.ledger.setProblems([...this.problems.values()].flat());
    this.eventsApplied.set(kindName, (this.eventsApplied.get(kindName) ?? 0) + 1);
    this.onApplied?.((performance.now() - started) / 1000);
  }

  private applyKind(anyKind: AnyKind, key: string, ref: { namespace: string; name: string }, after: unknown[]): void {
    // One kind's values are all of its own type; the list's union type cannot say so per call.
    const kind = anyKind as Kind<unknown>;
    const slot = this.slots.get(kind.slot) ?? this.slots.set(kind.slot, new Map()).get(kind.slot)!;
    const live = kind.live;
    if (live.mode === 'each') {
      if (after.length > 0) for (const v of after) live.upsert(this.ledger, v);
      else live.remove(this.ledger, ref, slot.get(key)?.[0]);
      if (!live.remember) return;
    } else if (after.length === 0 && !slot.has(key)) {
      return; // nothing was known of it and nothing is now
    }
    if (after.length > 0) slot.set(key, after);
    else slot.delete(key);
    if (live.mode === 'all') live.set(this.ledger, [...slot.keys()].sort(compareKeys).flatMap((k) => slot.get(k)!));
  }
}
