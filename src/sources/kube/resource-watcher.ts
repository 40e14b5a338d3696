// Keeps one resource in sync with the client library's informer, restarting it with backoff after errors.
import { ListWatch, Watch, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../../log.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { getJson, type KubeObject } from './list-request.ts';
import type { WatchedResource } from './resources.ts';

/**
 * starting: never synced yet; synced: listed and watching; retrying: waiting to restart after an
 * error; missing: a CRD that is not installed (checked again now and then); stopped.
 */
export type WatcherState = 'starting' | 'synced' | 'retrying' | 'missing' | 'stopped';

export interface WatcherHooks {
  upsert(resource: WatchedResource, object: KubeObject): void;
  remove(resource: WatchedResource, object: KubeObject): void;
  /** Called whenever `state` changes or a sync completes. */
  changed(): void;
}

export interface WatcherOptions {
  backoff?: BackoffOptions;
  /** How often a missing CRD is looked for again. */
  missingRetryMs?: number;
  listTimeoutMs?: number;
  /**
   * A watch that delivers nothing for this long is replaced by a fresh list and watch (a half-open
   * connection never errors; client-node 1.x has no timeout of its own). Default 10 minutes; 0 never.
   */
  idleRestartMs?: number;
  logger: Logger;
  now?: () => number;
}

/** The library's Watch, reporting when a watch connection is established (the informer has no event for that). */
class ReportingWatch extends Watch {
  private readonly onConnected: () => void;
  private readonly onExpired: () => void;
  private readonly onEvent: () => void;

  constructor(kc: KubeConfig, onConnected: () => void, onExpired: () => void, onEvent: () => void) {
    super(kc);
    this.onConnected = onConnected;
    this.onExpired = onExpired;
    this.onEvent = onEvent;
  }

  override async watch(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, obj: unknown, watchObj?: unknown) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    let failed = false;
    const controller = await super.watch(
      path,
      params,
      (phase, obj, watchObj) => {
        this.onEvent();
        if (phase === 'ERROR' && (obj as { code?: number } | null)?.code === 410) this.onExpired();
        callback(phase, obj, watchObj);
      },
      (err) => {
        if (err) failed = true;
        done(err);
      },
    );
    if (!failed) this.onConnected();
    return controller;
  }
}

export class ResourceWatcher {
  readonly resource: WatchedResource;
  state: WatcherState = 'starting';
  /** Whether it has completed at least one list. */
  everSynced = false;
  lastError: string | null = null;
  /** Restarts scheduled after errors (a normal end of a watch is not counted). */
  restarts = 0;
  private informer: ListWatch<KubeObject> | null = null;
  /** Callbacks of a replaced informer carry an older generation and are ignored. */
  private generation = 0;
  private lastActivity = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;
  private readonly kc: KubeConfig;
  private readonly hooks: WatcherHooks;
  private readonly options: WatcherOptions;
  private readonly log: Logger;

  constructor(kc: KubeConfig, resource: WatchedResource, hooks: WatcherHooks, options: WatcherOptions) {
    this.kc = kc;
    this.resource = resource;
    this.hooks = hooks;
    this.options = options;
    this.backoff = new Backoff(options.backoff);
    this.log = options.logger.child({ resource: resource.kind });
  }

  start(): void {
    this.informer = this.makeInformer();
    this.lastActivity = this.now();
    const idleMs = this.options.idleRestartMs ?? 600_000;
    if (idleMs > 0) {
      this.idleTimer = setInterval(() => this.checkIdle(idleMs), Math.max(25, idleMs / 4));
      this.idleTimer.unref();
    }
    this.run();
  }

  async stop(): Promise<void> {
    this.setState('stopped');
    if (this.timer) clearTimeout(this.timer);
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.timer = null;
    this.idleTimer = null;
    await this.informer?.stop();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** A silent watch may be a dead connection: list and watch afresh, removing what the new list lacks. */
  private checkIdle(idleMs: number): void {
    if (this.state !== 'synced' || this.now() - this.lastActivity < idleMs) return;
    // Routine on a quiet cluster (one list per resource per period), so at debug level.
    const period = idleMs >= 1000 ? `${Math.round(idleMs / 1000)} s` : `${idleMs} ms`;
    this.log.debug(`no watch event for ${period}: listing and watching again`);
    const old = this.informer;
    this.informer = this.makeInformer(old?.list() ?? []);
    this.lastActivity = this.now();
    void old?.stop();
    this.run();
  }

  /** `previous`: what an informer being replaced knew; objects missing from the new list are removed. */
  private makeInformer(previous: readonly KubeObject[] = []): ListWatch<KubeObject> {
    const { resource } = this;
    const gen = ++this.generation;
    const current = () => gen === this.generation;
    const query: Record<string, string> = resource.fieldSelector ? { fieldSelector: resource.fieldSelector } : {};
    let stale: readonly KubeObject[] = previous;
    const listFn = async () => {
      const list = await getJson(this.kc, resource.path, query, this.options.listTimeoutMs ?? 60_000);
      if (current() && stale.length > 0) {
        const key = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
        const listed = new Set(list.items.map(key));
        for (const o of stale) if (!listed.has(key(o))) this.hooks.remove(resource, o);
        stale = [];
      }
      // The informer applies the items right after this promise settles; mark the sync once it has.
      setImmediate(() => current() && this.synced('listed', list.items.length));
      return list as never;
    };
    const watch = new ReportingWatch(
      this.kc,
      () => current() && this.synced('watching', null),
      () => current() && this.log.info('watch expired (410 Gone): listing again and applying deletions'),
      () => current() && (this.lastActivity = this.now()),
    );
    const informer = new ListWatch<KubeObject>(resource.path, watch, listFn, false, undefined, resource.fieldSelector);
    informer.on('add', (o) => current() && this.hooks.upsert(resource, o));
    informer.on('update', (o) => current() && this.hooks.upsert(resource, o));
    informer.on('delete', (o) => current() && this.hooks.remove(resource, o));
    informer.on('error', (err) => current() && this.failed(err));
    return informer;
  }

  private run(): void {
    this.informer?.start().catch((err: unknown) => this.failed(err));
  }

  private synced(how: 'listed' | 'watching', count: number | null): void {
    if (this.state === 'stopped') return;
    const was = this.state;
    this.state = 'synced';
    this.lastActivity = this.now();
    this.backoff.reset();
    if (how === 'listed') {
      this.everSynced = true;
      this.lastError = null;
      if (was === 'missing') this.log.info('the resource is now served: watching it', { objects: count });
      else this.log.debug('listed', { objects: count });
    } else if (was === 'retrying') {
      this.log.info('watch resumed');
    }
    this.hooks.changed();
  }

  private failed(err: unknown): void {
    if (this.state === 'stopped') return;
    const status = (err as { statusCode?: number; code?: number } | null)?.statusCode;
    const message = err instanceof Error ? err.message : String(err);
    this.lastError = message;
    if (this.resource.optional && status === 404) {
      // The CRD is not installed: say so once, drop what was known of it, look again later.
      if (this.state !== 'missing') {
        this.log.warn(`the ${this.resource.kind} resource is not served by the API server (is the MetalLB CRD installed?); carrying on without it`, { path: this.resource.path });
        for (const o of this.informer?.list() ?? []) this.hooks.remove(this.resource, o);
      }
      this.everSynced = true;
      this.setState('missing');
      this.informer = this.makeInformer();
      this.schedule(this.options.missingRetryMs ?? 60_000);
      return;
    }
    this.restarts++;
    const delay = this.backoff.next();
    // An outage fails every resource on every retry: warn on the first failure and every tenth, the rest at debug.
    const level = this.backoff.failures === 1 || this.backoff.failures % 10 === 0 ? 'warn' : 'debug';
    this.log[level]('list/watch failed; restarting', { error: message, status: status ?? null, retryInMs: delay, failures: this.backoff.failures });
    this.setState('retrying');
    this.schedule(delay);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.state !== 'stopped') this.run();
    }, ms);
  }

  private setState(state: WatcherState): void {
    if (this.state === state) return;
    this.state = state;
    this.hooks.changed();
  }
}
