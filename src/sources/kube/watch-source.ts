// The live Kubernetes source: one restarting list/watch per resource, feeding the store, with up/ready/last-sync state.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../../log.ts';
import type { SourceHealth } from '../../core/report/source-health.ts';
import type { BackoffOptions } from './backoff.ts';
import type { KubeObject } from './list-request.ts';
import { ResourceWatcher } from './resource-watcher.ts';
import { typedObject, watchedResources, type WatchedResource } from './resources.ts';

export interface ObjectSink {
  upsert(object: KubeObject): void;
  remove(object: KubeObject): void;
}

export interface KubeWatchSourceOptions {
  kc: KubeConfig;
  sink: ObjectSink;
  logger: Logger;
  /** Where MetalLB's configuration lives (default metallb-system). */
  metallbNamespace?: string;
  backoff?: BackoffOptions;
  missingRetryMs?: number;
  /** The deadline for the whole answer to one list page (default 60 s). */
  listTimeoutMs?: number;
  /** Objects per list page. */
  pageSize?: number;
  /** A watch silent for this long (no event, no bookmark) is dead; also how long failing reconnects keep /readyz passing. */
  deadWatchMs?: number;
  /** See WatcherOptions.minWatchTimeoutSeconds. */
  minWatchTimeoutSeconds?: number;
  now?: () => number;
}

export class KubeWatchSource {
  readonly watchers: ResourceWatcher[];
  private readonly now: () => number;
  private readonly log: Logger;
  private wasUp = false;
  private readonly listeners: Array<() => void> = [];

  constructor(options: KubeWatchSourceOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.logger;
    const hooks = {
      upsert: (r: WatchedResource, o: KubeObject) => this.guard(() => options.sink.upsert(typedObject(r, o)), r, o),
      remove: (r: WatchedResource, o: KubeObject) => this.guard(() => options.sink.remove(typedObject(r, o)), r, o),
      changed: () => this.changed(),
    };
    this.watchers = watchedResources(options.metallbNamespace ?? 'metallb-system').map(
      (r) =>
        new ResourceWatcher(options.kc, r, hooks, {
          logger: options.logger,
          ...(options.backoff ? { backoff: options.backoff } : {}),
          ...(options.missingRetryMs !== undefined ? { missingRetryMs: options.missingRetryMs } : {}),
          ...(options.listTimeoutMs !== undefined ? { listTimeoutMs: options.listTimeoutMs } : {}),
          ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
          ...(options.deadWatchMs !== undefined ? { deadWatchMs: options.deadWatchMs } : {}),
          ...(options.minWatchTimeoutSeconds !== undefined ? { minWatchTimeoutSeconds: options.minWatchTimeoutSeconds } : {}),
          now: () => this.now(),
        }),
    );
  }

  start(): void {
    for (const w of this.watchers) w.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.watchers.map((w) => w.stop()));
  }

  /** Starts every list/watch afresh (after an error nothing else caught); the known state stays served meanwhile. */
  async restart(): Promise<void> {
    await Promise.all(this.watchers.map((w) => w.restart()));
  }

  /** Called after every state change (tests and readiness logging use it). */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  health(): SourceHealth {
    const up = this.isUp();
    const notes: string[] = [];
    for (const w of this.watchers) {
      if (w.state === 'missing') notes.push(`${w.resource.kind}: not served by the API server (CRD not installed?)`);
      else if (w.state === 'retrying' || (w.state === 'starting' && w.lastError)) notes.push(`${w.resource.kind}: ${w.lastError ?? 'retrying'}`);
    }
    const now = this.now();
    // Ready once everything has been listed, and while failing reconnects have not lasted longer than the dead-watch bound.
    const failing = this.watchers.filter((w) => w.failingSinceMs !== null && now - w.failingSinceMs > w.deadWatchMs);
    const unready = failing.length > 0 ? `every reconnect has failed for over ${Math.round(failing[0]!.deadWatchMs / 1000)} s (${failing.map((w) => w.resource.kind).join(', ')})` : undefined;
    return {
      source: 'kube',
      up,
      ready: this.watchers.every((w) => w.everSynced) && unready === undefined,
      lastSyncMs: this.lastSyncMs(),
      lastEventMs: Object.fromEntries(this.watchers.map((w) => [w.resource.kind, w.lastHeardMs])),
      watchErrors: Object.fromEntries(this.watchers.map((w) => [w.resource.kind, Object.fromEntries(w.errors)])),
      ...(unready !== undefined ? { unready } : {}),
      restarts: Object.fromEntries(this.watchers.map((w) => [w.resource.kind, w.restarts])),
      notes,
    };
  }

  /**
   * The served state is known to match the cluster as of the oldest of the resources' last words from
   * the API server (a list, an event or a bookmark); a resource that is not installed has nothing to say.
   */
  private lastSyncMs(): number | null {
    let oldest: number | null = null;
    for (const w of this.watchers) {
      if (w.state === 'missing') continue;
      if (w.lastHeardMs === null) return null;
      oldest = oldest === null ? w.lastHeardMs : Math.min(oldest, w.lastHeardMs);
    }
    return oldest;
  }

  private isUp(): boolean {
    return this.watchers.every((w) => w.state === 'synced' || w.state === 'missing');
  }

  private changed(): void {
    if (this.watchers.some((w) => w.state === 'stopped')) return; // shutting down: nothing to report
    const up = this.isUp();
    if (up !== this.wasUp) {
      if (up) this.log.info('in sync with the API server');
      else if (this.watchers.every((w) => w.everSynced)) this.log.warn('out of sync with the API server: serving the last known state');
      this.wasUp = up;
    }
    for (const fn of this.listeners) fn();
  }

  /** The informer swallows exceptions from callbacks; a bad object must be logged, never silently dropped. */
  private guard(fn: () => void, r: WatchedResource, o: KubeObject): void {
    try {
      fn();
    } catch (err) {
      this.log.error('could not apply an object', { kind: r.kind, namespace: o.metadata.namespace ?? null, name: o.metadata.name, error: (err as Error).message });
    }
  }
}
