// Usage history and forecasts for the server: sampled locally (memory, optionally a --history-file) or read from Prometheus.
import type { IpFamily } from '../core/address/index.ts';
import { forecastAll, type Forecast } from '../core/forecast/index.ts';
import { HistoryStore, usageSamples, type HistoryPoint } from '../core/history/index.ts';
import type { Report } from '../core/report/types.ts';
import type { HistoryFile } from './history-file.ts';
import { prometheusForecastInputs, prometheusHistoryRange } from './prometheus-history.ts';

export interface HistoryProvider {
  /** The clock the history runs on, in seconds (the lab's own clock under `--source lab`). */
  now(): number;
  readonly lookbackSeconds: number;
  /** The forecasts as of the last sample or refresh: what the exhaustion metric exports. */
  latest(): readonly Forecast[];
  /** Fresh forecasts for every pool family. */
  forecasts(): Promise<Forecast[]>;
  /** One pool family's use between two times (seconds). */
  range(pool: string, family: IpFamily, from: number, to: number): Promise<HistoryPoint[]>;
  start(): void;
  stop(): Promise<void>;
}

export interface LocalHistoryOptions {
  report: () => Report;
  now: () => number;
  /** `--sample-interval`, in seconds of the history's clock. */
  intervalSeconds: number;
  lookbackSeconds: number;
  /** Present with `--history-file`: samples are appended to it and it was loaded at start. */
  file?: HistoryFile | null;
  /** Real milliseconds between checks whether a sample is due. Default 1000. */
  checkEveryMs?: number;
  onError?: (err: unknown) => void;
}

/** Samples the report at a fixed interval into memory (and the history file), and forecasts from it. */
export class LocalHistory implements HistoryProvider {
  readonly lookbackSeconds: number;
  readonly store: HistoryStore;
  private readonly options: LocalHistoryOptions;
  private lastSample = -Infinity;
  private cached: Forecast[] = [];
  /** The report and time the cached forecasts were computed for. */
  private cachedFor: { report: Report; now: number } | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private samplesSinceCompaction = 0;

  constructor(options: LocalHistoryOptions) {
    this.options = options;
    this.lookbackSeconds = options.lookbackSeconds;
    this.store = options.file?.store ?? new HistoryStore();
  }

  now(): number {
    return this.options.now();
  }

  /** Records one sample at time t (the lab's warm-up calls this directly). */
  sample(t: number = this.now()): void {
    const samples = usageSamples(this.options.report().pools);
    this.lastSample = t;
    if (this.options.file) {
      this.options.file.append(t, samples).catch((err) => this.options.onError?.(err));
    } else {
      this.store.record(t, samples);
      // Without a file the store is compacted here, so memory stays bounded by the tiers.
      if (++this.samplesSinceCompaction >= 120) {
        this.store.compact(t);
        this.samplesSinceCompaction = 0;
      }
    }
    this.compute(t);
  }

  latest(): readonly Forecast[] {
    return this.cached;
  }

  /** Recomputed when the report changed or a second of history time passed; else the cached answer. */
  async forecasts(): Promise<Forecast[]> {
    const now = this.now();
    const report = this.options.report();
    if (this.cachedFor && this.cachedFor.report === report && now - this.cachedFor.now < 1) return this.cached;
    return this.compute(now);
  }

  async range(pool: string, family: IpFamily, from: number, to: number): Promise<HistoryPoint[]> {
    return this.store.range(pool, family, from, to);
  }

  start(): void {
    if (this.lastSample === -Infinity) this.sample();
    this.timer = setInterval(() => {
      const now = this.now();
      if (now - this.lastSample >= this.options.intervalSeconds) this.sample(now);
    }, this.options.checkEveryMs ?? 1000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.options.file?.flush();
  }

  private compute(now: number): Forecast[] {
    const report = this.options.report();
    const current = usageSamples(report.pools);
    this.cached = forecastAll(this.store.forecastInputs(current, now, this.lookbackSeconds), { now, lookbackSeconds: this.lookbackSeconds });
    this.cachedFor = { report, now };
    return this.cached;
  }
}

/** History and forecasts from poolwatch's own series in Prometheus (`--prometheus-url`), optionally one cluster's (`matchers`). */
export class PrometheusHistory implements HistoryProvider {
  readonly lookbackSeconds: number;
  private readonly url: string;
  private readonly matchers: string[];
  private cached: Forecast[] = [];
  /** When the cached forecasts were read (ms): the store is asked at most once per `cacheMs`, however many pages ask. */
  private cachedAt = -Infinity;
  private pending: Promise<Forecast[]> | null = null;
  private readonly cacheMs: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onError: (err: unknown) => void;
  /** Aborted when serve stops: a query in flight ends then instead of at its timeout. */
  private readonly signal: AbortSignal | undefined;

  constructor(options: { url: string; lookbackSeconds: number; matchers?: string[]; cacheMs?: number; onError?: (err: unknown) => void; signal?: AbortSignal }) {
    this.url = options.url;
    this.signal = options.signal;
    this.lookbackSeconds = options.lookbackSeconds;
    this.matchers = options.matchers ?? [];
    this.cacheMs = options.cacheMs ?? 5000;
    this.onError = options.onError ?? (() => {});
  }

  now(): number {
    return Date.now() / 1000;
  }

  latest(): readonly Forecast[] {
    return this.cached;
  }

  forecasts(): Promise<Forecast[]> {
    if (Date.now() - this.cachedAt < this.cacheMs) return Promise.resolve(this.cached);
    this.pending ??= this.read().finally(() => (this.pending = null));
    return this.pending;
  }

  private async read(): Promise<Forecast[]> {
    const now = this.now();
    const inputs = await prometheusForecastInputs(this.url, { now, lookbackSeconds: this.lookbackSeconds, matchers: this.matchers, ...(this.signal ? { signal: this.signal } : {}) });
    this.cached = forecastAll(inputs, { now, lookbackSeconds: this.lookbackSeconds });
    this.cachedAt = Date.now();
    return this.cached;
  }

  range(pool: string, family: IpFamily, from: number, to: number): Promise<HistoryPoint[]> {
    // About 500 points per chart, never finer than a minute.
    const step = Math.max(60, Math.ceil((to - from) / 500));
    return prometheusHistoryRange(this.url, { pool, family, from, to, step, matchers: this.matchers, ...(this.signal ? { signal: this.signal } : {}) });
  }

  start(): void {
    // A refresh ended by the stop is no error worth a warning.
    const refresh = () =>
      void this.forecasts().catch((err: unknown) => {
        if (!this.signal?.aborted) this.onError(err);
      });
    refresh();
    this.timer = setInterval(refresh, 60_000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
