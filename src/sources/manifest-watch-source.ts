// `serve --source manifests`: the same files `status` reads, read again (debounced) whenever one of them changes.
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { AnalysisOptions } from '../core/analysis/options.ts';
import { snapshotFromTexts } from '../core/manifest/snapshot.ts';
import type { Logger } from '../log.ts';
import type { SourceHealth } from '../core/report/source-health.ts';
import type { LiveSource, ReportSource } from './live-source.ts';
import { readManifestTexts, requireUsable } from './manifests.ts';
import { SnapshotStore } from './snapshot-store.ts';
import { emptySnapshot } from '../core/model/snapshot.ts';

export interface ManifestWatchOptions {
  paths: readonly string[];
  cwd: string;
  logger: Logger;
  analysis?: AnalysisOptions;
  /** Changes closer together than this are read once. */
  debounceMs?: number;
  now?: () => number;
  /** Bytes read at most, per file and in total (see readManifestTexts). */
  maxInputBytes?: number;
}

export class ManifestWatchSource implements LiveSource {
  private current: SnapshotStore;
  private readonly watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | null = null;
  private up = false;
  private ready = false;
  /** When the files were last read successfully: what is served matches them as of then. */
  private lastSyncMs: number | null = null;
  private lastError: string | null = null;
  private reloads = 0;
  private readonly options: ManifestWatchOptions;
  private readonly now: () => number;
  private reading: Promise<void> = Promise.resolve();

  constructor(options: ManifestWatchOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.current = new SnapshotStore(emptySnapshot(), options.analysis);
  }

  store(): ReportSource {
    return this.current;
  }

  health(): SourceHealth {
    return {
      source: 'manifests',
      up: this.up,
      ready: this.ready,
      lastSyncMs: this.lastSyncMs,
      restarts: {},
      notes: this.lastError ? [this.lastError] : [],
    };
  }

  /** Reads the files once (a failure here is fatal: the user named them), then watches them. */
  async start(): Promise<void> {
    await this.read(true);
    for (const path of this.options.paths) {
      const full = isAbsolute(path) ? path : join(this.options.cwd, path);
      const isDir = (await stat(full)).isDirectory();
      // Editors and ConfigMap volumes replace files by rename, which a watch on the file itself misses: watch the folder.
      const dir = isDir ? full : dirname(full);
      const only = isDir ? null : basename(full);
      const w = watch(dir, { recursive: isDir }, (_event, name) => {
        if (only === null || name === null || name === only || String(name).startsWith('..')) this.schedule();
      });
      w.on('error', (err) => this.options.logger.warn('watching a manifest path failed', { path, error: err.message }));
      this.watchers.push(w);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    await this.reading;
  }

  /** Resolves after any pending re-read has finished (for tests). */
  settled(): Promise<void> {
    return this.reading;
  }

  get reloadCount(): number {
    return this.reloads;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reading = this.reading.then(() => this.read(false));
    }, this.options.debounceMs ?? 250);
  }

  private async read(first: boolean): Promise<void> {
    const log = this.options.logger;
    try {
      const texts = await readManifestTexts({
        paths: this.options.paths,
        cwd: this.options.cwd,
        readStdin: async () => '',
        ...(this.options.maxInputBytes === undefined ? {} : { maxInputBytes: this.options.maxInputBytes }),
        notice: (message) => log.warn(message),
      });
      const namespace = this.options.analysis?.metallbNamespace;
      const snapshot = snapshotFromTexts(texts, namespace ? { metallbNamespace: namespace } : {});
      requireUsable(snapshot, texts);
      const store = new SnapshotStore(snapshot, this.options.analysis);
      store.onApplied = this.current.onApplied;
      this.current = store;
      this.reloads++;
      this.up = true;
      this.ready = true;
      this.lastError = null;
      this.lastSyncMs = this.now();
      log.info(first ? 'read the manifests' : 'read the manifests again after a change', {
        files: texts.length,
        pools: snapshot.pools.length,
        services: snapshot.services.length,
        problems: snapshot.problems.length,
      });
    } catch (err) {
      if (first) throw err;
      // Keep serving what was read last; say what is wrong until the files are fixed.
      this.up = false;
      this.lastError = (err as Error).message;
      log.warn('could not read the manifests again; serving the last good read', { error: this.lastError });
    }
  }
}
