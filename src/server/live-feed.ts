// Live updates for the web page: one document per change, rendered once and written to every open event stream.

/** What a feed reads on each check: the objects its document is made from, and how to render it. */
export interface LiveSnapshot {
  /** Identities of the inputs (a report, a forecast list...): the document is rendered again only when one of them is a different object. */
  versions: readonly unknown[];
  render(): string;
}

export interface LiveFeedOptions {
  snapshot: () => Promise<LiveSnapshot> | LiveSnapshot;
  /** How often the inputs are checked while at least one stream is open. Default 1000 ms. */
  intervalMs?: number;
  /** A comment line this often keeps proxies from closing quiet streams. Default 15 s. */
  keepAliveMs?: number;
  onError?: (err: unknown) => void;
}

export interface LiveSubscriber {
  write(chunk: string): void;
  /** Ends the stream (server shutdown). */
  end(): void;
}

function sameVersions(a: readonly unknown[] | null, b: readonly unknown[]): boolean {
  return a !== null && a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * One feed per scope (a cluster, or the fleet overview). A thousand open pages cost one check per
 * interval and one rendering per change: the rendered text is shared by every stream and by `current()`.
 */
export class LiveFeed {
  /** How many times the document was rendered (tests check that streams share one rendering). */
  renders = 0;
  private readonly options: LiveFeedOptions;
  private readonly subscribers = new Set<LiveSubscriber>();
  private versions: readonly unknown[] | null = null;
  private text: string | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private keepAlive: ReturnType<typeof setInterval> | null = null;
  private checking: Promise<string> | null = null;
  /** Set by close(): a stream whose first document was still being made then is ended as soon as it is ready. */
  private closed = false;

  constructor(options: LiveFeedOptions) {
    this.options = options;
  }

  get streams(): number {
    return this.subscribers.size;
  }

  /** The current document, rendered again only if its inputs changed; concurrent callers share one check. */
  current(): Promise<string> {
    this.checking ??= this.check().finally(() => (this.checking = null));
    return this.checking;
  }

  /** Adds a stream: it gets the current document at once, then every changed one. Returns the unsubscribe function. */
  async subscribe(sub: LiveSubscriber): Promise<() => void> {
    const text = await this.current();
    if (this.closed) {
      sub.end();
      return () => {};
    }
    sub.write(event(text));
    this.subscribers.add(sub);
    this.startTimers();
    return () => {
      this.subscribers.delete(sub);
      if (this.subscribers.size === 0) this.stopTimers();
    };
  }

  /** Ends every stream (server shutdown), and any that opens later. */
  close(): void {
    this.closed = true;
    for (const sub of this.subscribers) sub.end();
    this.subscribers.clear();
    this.stopTimers();
  }

  private async check(): Promise<string> {
    const snap = await this.options.snapshot();
    if (this.text !== null && sameVersions(this.versions, snap.versions)) return this.text;
    const text = snap.render();
    this.renders++;
    const changed = text !== this.text;
    this.text = text;
    this.versions = snap.versions;
    if (changed) {
      const chunk = event(text);
      for (const sub of this.subscribers) sub.write(chunk);
    }
    return text;
  }

  private startTimers(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.current().catch((err) => this.options.onError?.(err)), this.options.intervalMs ?? 1000);
    this.keepAlive = setInterval(() => {
      for (const sub of this.subscribers) sub.write(': keep-alive\n\n');
    }, this.options.keepAliveMs ?? 15_000);
    this.timer.unref?.();
    this.keepAlive.unref?.();
  }

  private stopTimers(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.timer = null;
    this.keepAlive = null;
  }
}

/** One server-sent event: the document on one `data:` line (JSON.stringify without indentation has no newline). */
function event(text: string): string {
  return `event: update\ndata: ${text}\n\n`;
}

/** Feeds by scope, made on first use; closing ends every stream of every feed. */
export class FeedRegistry {
  private readonly feeds = new Map<string, LiveFeed>();
  private readonly make: (key: string) => LiveFeed;
  private closed = false;

  constructor(make: (key: string) => LiveFeed) {
    this.make = make;
  }

  get(key: string): LiveFeed {
    let feed = this.feeds.get(key);
    if (!feed) {
      this.feeds.set(key, (feed = this.make(key)));
      // Made by a request that arrived as the server closed: its streams end at once too.
      if (this.closed) feed.close();
    }
    return feed;
  }

  close(): void {
    this.closed = true;
    for (const feed of this.feeds.values()) feed.close();
  }
}
