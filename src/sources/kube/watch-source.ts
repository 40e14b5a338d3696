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
  listTimeoutMs?: number;
  idleRestartMs?: number;
  now?: () => number;
}

export class KubeWatchSource {
  readonly watchers: ResourceWatcher[];
  private readonly now: () => number;
  private readonly log: Logger;
  private wasUp = false;
  private lastUpMs: number | null = null;
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
          ...(options.idleRestartMs !== undefined ? { idleRestartMs: options.idleRestartMs } : {}),
        }),
    );
  }

  start(): void {
    for (const w of this.watchers) w.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.watchers.map((w) => w.stop()));
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
    return {
      source: 'kube',
      up,
      ready: this.watchers.every((w) => w.everSynced),
      lastSyncMs: up ? this.now() : this.lastUpMs,
      restarts: Object.fromEntries(this.watchers.map((w) => [w.resource.kind, w.restarts])),
      notes,
    };
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
      if (!up) this.lastUpMs = this.now();
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
