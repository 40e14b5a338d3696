// Keeps one resource in sync the way client-go's reflector does: a paginated list, then a watch with bookmarks, relisting whenever the stream cannot be trusted.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../../log.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { getJson, type KubeObject, type KubeRequestError } from './list-request.ts';
import type { WatchedResource } from './resources.ts';
import { parseWatchLine, type WatchErrorReason } from './watch-event.ts';
import { runWatch, type WatchEnd } from './watch-stream.ts';

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
  /** How long one list page may take, from sending the request to the end of the answer (default 60 s). */
  listTimeoutMs?: number;
  /** Objects per list page (`limit`); 500 like client-go. */
  pageSize?: number;
  /**
   * A watch that delivers no event and no bookmark for this long is dead: it is dropped and the
   * resource listed again. The API server sends a bookmark about once a minute, so the default is
   * 2 minutes.
   */
  deadWatchMs?: number;
  /** The shortest server-side watch timeout; each watch asks for a random one between it and twice it. */
  minWatchTimeoutSeconds?: number;
  logger: Logger;
  now?: () => number;
  /** Returns a number in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

export const DEFAULT_DEAD_WATCH_MS = 120_000;
const DEFAULT_PAGE_SIZE = 500;
/** client-go's reflector: watches time out on the server after 5 to 10 minutes, spread so that replicas do not reconnect together. */
const DEFAULT_MIN_WATCH_TIMEOUT_S = 300;

/**
 * The resourceVersion of each known object by name, by namespace ('' for none): enough to delete an object
 * and to skip a relisted one that has not changed. Two levels rather than one `namespace/name` key: a
 * watch event then builds no key string, and the names from the parsed event are looked up as they are.
 */
type Known = Map<string, Map<string, string | undefined>>;

/** An error that ends a watch and restarts it after backoff (a failure, unlike the normal end of a watch). */
class WatchFailure extends Error {}

export class ResourceWatcher {
  readonly resource: WatchedResource;
  state: WatcherState = 'starting';
  /** Whether it has completed at least one list. */
  everSynced = false;
  lastError: string | null = null;
  /** Restarts scheduled after errors (a normal end of a watch is not counted). */
  restarts = 0;
  /** Watch lines that could not be used, and dead watches, by reason. */
  readonly errors = new Map<WatchErrorReason, number>();
  /** When the API server was last heard from about this resource: a list, a watch opening, an event or a bookmark. */
  lastHeardMs: number | null = null;
  /** Since when every attempt to list or watch has failed (null while in sync). */
  failingSinceMs: number | null = null;
  private known: Known = new Map();
  /** The resourceVersion to watch from; empty means list first. */
  private resourceVersion = '';
  private abort: AbortController | null = null;
  /** Between start() and stop(): whether the owner wants it watching (a restart respects a stop). */
  private wanted = false;
  private running: Promise<void> | null = null;
  /** Set while handling a line that ends the watch with a failure. */
  private failure: WatchFailure | null = null;
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

  get deadWatchMs(): number {
    return this.options.deadWatchMs ?? DEFAULT_DEAD_WATCH_MS;
  }

  start(): void {
    this.wanted = true;
    if (this.running) return;
    const abort = new AbortController();
    this.abort = abort;
    if (this.state === 'stopped') this.state = this.everSynced ? 'retrying' : 'starting';
    // Whatever escapes the loop is a bug: say so and start over from a fresh list rather than stop watching.
    this.running = this.loop(abort.signal).catch((err: unknown) => {
      this.running = null;
      if (abort.signal.aborted) return;
      this.log.error('the list/watch loop failed: starting it again', { error: (err as Error)?.stack ?? String(err) });
      this.resourceVersion = '';
      // A stop() meanwhile aborts this controller: the restart must not bring a stopped watcher back.
      setTimeout(() => {
        if (!abort.signal.aborted) this.start();
      }, this.backoff.next()).unref();
    });
  }

  async stop(): Promise<void> {
    this.wanted = false;
    await this.halt();
  }

  /**
   * Stops, then starts again from a fresh list (what is known stays served until the list replaces it).
   * A watcher stopped before or during the restart stays stopped: a restart never outlives a shutdown.
   */
  async restart(): Promise<void> {
    if (!this.wanted) return;
    await this.halt();
    if (!this.wanted) return;
    this.resourceVersion = '';
    this.start();
  }

  private async halt(): Promise<void> {
    this.setState('stopped');
    this.abort?.abort();
    const running = this.running;
    this.running = null;
    await running;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        if (this.resourceVersion === '') await this.relist(signal);
        if (signal.aborted) return;
        const query = this.watchQuery();
        // The server ends a watch after the timeoutSeconds it was asked for. One still open a dead-watch bound
        // later is kept open by something gone wrong (a proxy, or bytes that never make a line, which keep the
        // connection from falling silent): the request has a deadline, as a list page has.
        const overdueAfterMs = Number(query['timeoutSeconds']) * 1000 + this.deadWatchMs;
        const deadline = requestDeadline(signal, overdueAfterMs);
        let end: WatchEnd;
        try {
          end = await runWatch({
            kc: this.kc,
            path: this.resource.path,
            query,
            silenceMs: this.deadWatchMs,
            signal: deadline.signal,
            onOpen: () => this.heard('watching'),
            onLine: (line) => this.line(line),
          });
        } finally {
          deadline.clear();
        }
        if (this.failure) {
          const failure = this.failure;
          this.failure = null;
          throw failure;
        }
        if (end === 'stopped' && deadline.passed() && !signal.aborted) {
          const quietMs = this.now() - (this.lastHeardMs ?? 0);
          const overdue = `the watch is still open ${this.deadWatchMs} ms after the server should have ended it (timeoutSeconds=${query['timeoutSeconds']})`;
          if (quietMs >= this.deadWatchMs) {
            this.count('silent');
            this.log.warn(`${overdue}, with no event and no bookmark for ${quietMs} ms: the watch is taken for dead; listing again`);
            this.resourceVersion = '';
          } else {
            // Events still arrive: only the server's timeout is broken. Resume from the last resourceVersion.
            this.log.info(`${overdue}: opening a new watch`);
          }
        } else if (end === 'silent') {
          this.count('silent');
          this.log.warn(`no watch event and no bookmark for ${seconds(this.deadWatchMs)}: the watch is taken for dead; listing again`);
          this.resourceVersion = '';
        } else if (end === 'closed') {
          // The server's timeout (or a restart of it): resume from the last resourceVersion.
          this.backoff.reset();
        }
      } catch (err) {
        if (signal.aborted) return;
        await sleep(this.failed(err), undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private watchQuery(): Record<string, string> {
    const min = this.options.minWatchTimeoutSeconds ?? DEFAULT_MIN_WATCH_TIMEOUT_S;
    const random = this.options.random ?? Math.random;
    return {
      watch: 'true',
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(Math.floor(min * (1 + random()))),
      ...(this.resource.fieldSelector ? { fieldSelector: this.resource.fieldSelector } : {}),
    };
  }

  /**
   * Lists the resource page by page, then replaces what is known with the list at once, as client-go's
   * Replace does: the pages are kept until the last one, so the report never mixes the old state with
   * part of the new one. Deletions of objects missing from the list are part of the same replacement.
   */
  private async relist(signal: AbortSignal): Promise<void> {
    const selector: Record<string, string> = this.resource.fieldSelector ? { fieldSelector: this.resource.fieldSelector } : {};
    const pageSize = this.options.pageSize ?? DEFAULT_PAGE_SIZE;
    let items: KubeObject[] = [];
    let paged = pageSize > 0;
    let token: string | undefined;
    let resourceVersion: string;
    for (;;) {
      const query: Record<string, string> = { ...selector, ...(paged ? { limit: String(pageSize) } : {}), ...(token ? { continue: token } : {}) };
      let page;
      try {
        // The timeout bounds a slow server; the signal ends the request at once when the watcher stops.
        page = await getJson(this.kc, this.resource.path, query, { totalMs: this.options.listTimeoutMs ?? 60_000 }, signal);
      } catch (err) {
        if (token === undefined || (err as KubeRequestError).statusCode !== 410) throw err;
        // The continue token expired (the list took longer than etcd keeps its snapshot): like client-go's
        // pager, list everything in one request rather than fail.
        this.log.info('the continue token of a paginated list expired (410 Gone): listing everything in one request');
        paged = false;
        token = undefined;
        items = [];
        continue;
      }
      if (signal.aborted) return;
      for (const item of page.items) items.push(item);
      resourceVersion = page.metadata.resourceVersion ?? '';
      token = paged && page.metadata.continue ? page.metadata.continue : undefined;
      if (token === undefined) break;
    }
    this.replace(items);
    this.resourceVersion = resourceVersion;
    this.everSynced = true;
    this.log.debug('listed', { objects: items.length });
    this.heard('listed');
  }

  /** Makes what is known equal to a complete list, in one synchronous pass (nothing can read between its steps). */
  private replace(items: readonly KubeObject[]): void {
    const before = this.known;
    this.known = new Map();
    for (const item of items) {
      const metadata = (item as { metadata?: unknown } | null)?.metadata as KubeObject['metadata'] | undefined;
      if (typeof metadata?.name !== 'string' || metadata.name === '') {
        this.count('invalid-object');
        this.log.warn('a listed object has no metadata.name: skipped');
        continue;
      }
      const version = before.get(metadata.namespace ?? '')?.get(metadata.name);
      this.remember(metadata);
      // A relist repeats every object: one whose resourceVersion is unchanged is already applied.
      if (version !== undefined && version === metadata.resourceVersion) continue;
      this.hooks.upsert(this.resource, item);
    }
    // What was known and is not listed any more is gone.
    for (const [namespace, names] of before) {
      const listed = this.known.get(namespace);
      for (const name of names.keys()) if (!listed?.has(name)) this.gone(namespace, name);
    }
  }

  /** One watch line; false ends the watch. */
  private line(text: string): boolean {
    const event = parseWatchLine(text);
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED':
      case 'DELETED': {
        const { metadata } = event.object;
        if (event.type === 'DELETED') {
          const names = this.known.get(metadata.namespace ?? '');
          // A namespace's map goes with its last object (namespaces come and go, often between relists).
          if (names?.delete(metadata.name) && names.size === 0) this.known.delete(metadata.namespace ?? '');
          this.hooks.remove(this.resource, event.object);
        } else {
          this.remember(metadata);
          this.hooks.upsert(this.resource, event.object);
        }
        if (metadata.resourceVersion) this.resourceVersion = metadata.resourceVersion;
        this.backoff.reset();
        this.heard('event');
        return true;
      }
      case 'BOOKMARK':
        this.resourceVersion = event.resourceVersion;
        this.heard('event');
        return true;
      case 'ERROR':
        if (event.code === 410) {
          this.log.info('watch expired (410 Gone): listing again and applying deletions');
          this.resourceVersion = '';
        } else {
          this.failure = new WatchFailure(`the watch ended with an error${event.code !== null ? ` (${event.code})` : ''}: ${event.message}`);
        }
        return false;
      case 'bad':
        this.count(event.reason);
        if (!event.untrusted) {
          this.log.warn(`skipped a watch line: ${event.detail}`, { reason: event.reason });
          return true;
        }
        // What the line stood for is unknown, so what is served may be wrong: list again (after backoff,
        // so a server that keeps sending such lines is not hammered).
        this.log.warn(`skipped a watch line and listing again: ${event.detail}`, { reason: event.reason });
        this.resourceVersion = '';
        this.failure = new WatchFailure(`unusable watch line (${event.reason})`);
        return false;
    }
  }

  /** Notes an object's resourceVersion. */
  private remember(metadata: KubeObject['metadata']): void {
    const namespace = metadata.namespace ?? '';
    const names = this.known.get(namespace);
    if (names) names.set(metadata.name, metadata.resourceVersion);
    else this.known.set(namespace, new Map([[metadata.name, metadata.resourceVersion]]));
  }

  /** Tells that an object the API server no longer has is removed (only its namespace and name are needed). */
  private gone(namespace: string, name: string): void {
    this.hooks.remove(this.resource, { metadata: { name, ...(namespace !== '' ? { namespace } : {}) } });
  }

  private count(reason: WatchErrorReason): void {
    this.errors.set(reason, (this.errors.get(reason) ?? 0) + 1);
  }

  /** The API server answered: a list completed, a watch opened, or an event or bookmark arrived. */
  private heard(how: 'listed' | 'watching' | 'event'): void {
    this.lastHeardMs = this.now();
    if (this.state === 'synced' && how === 'event') return;
    if (this.state === 'stopped') return;
    const was = this.state;
    this.state = 'synced';
    this.failingSinceMs = null;
    this.lastError = null;
    if (was === 'missing') this.log.info('the resource is now served: watching it');
    else if (was === 'retrying' && how === 'watching') this.log.info('watch resumed');
    this.hooks.changed();
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  private failed(err: unknown): number {
    const status = (err as { statusCode?: number } | null)?.statusCode;
    const message = err instanceof Error ? err.message : String(err);
    this.lastError = message;
    if (status === 410) {
      // The watch's resourceVersion is too old (compacted): list again now; this is routine, not a failure.
      this.log.info('watch expired (410 Gone): listing again and applying deletions');
      this.resourceVersion = '';
      return 0;
    }
    if (this.resource.optional && status === 404) {
      // The CRD is not installed: say so once, drop what was known of it, look again later.
      if (this.state !== 'missing') {
        this.log.warn(`the ${this.resource.kind} resource is not served by the API server (is the MetalLB CRD installed?); carrying on without it`, { path: this.resource.path });
        const known = this.known;
        this.known = new Map();
        for (const [namespace, names] of known) for (const name of names.keys()) this.gone(namespace, name);
      }
      this.everSynced = true;
      this.resourceVersion = '';
      this.failingSinceMs = null;
      this.setState('missing');
      return this.options.missingRetryMs ?? 60_000;
    }
    this.restarts++;
    this.failingSinceMs ??= this.now();
    const delay = this.backoff.next();
    // An outage fails every resource on every retry: warn on the first failure and every tenth, the rest at debug.
    const level = this.backoff.failures === 1 || this.backoff.failures % 10 === 0 ? 'warn' : 'debug';
    this.log[level]('list/watch failed; restarting', { error: message, status: status ?? null, retryInMs: delay, failures: this.backoff.failures });
    this.setState('retrying');
    return delay;
  }

  private setState(state: WatcherState): void {
    if (this.state === state) return;
    this.state = state;
    this.hooks.changed();
  }
}

/** A signal for one request: aborted with `loop`, or once `ms` have passed (then `passed()` says so). */
function requestDeadline(loop: AbortSignal, ms: number): { signal: AbortSignal; passed(): boolean; clear(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  loop.addEventListener('abort', stop, { once: true });
  let passed = false;
  const timer = setTimeout(() => {
    passed = true;
    controller.abort();
  }, ms);
  return {
    signal: controller.signal,
    passed: () => passed,
    clear() {
      clearTimeout(timer);
      loop.removeEventListener('abort', stop);
    },
  };
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
