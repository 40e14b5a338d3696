// The --history-file edge: loads, compacts and rewrites the JSON-lines history at start, then appends one line per sample.
import { systemErrorText } from '../core/system-error.ts';
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { PoolwatchError } from '../core/errors.ts';
import { decodeInto, encodeRecording, encodeStore, HistoryStore, type HistoryHeader, type Tier, type UsageSample } from '../core/history/index.ts';

export interface HistoryFileOptions {
  /** Current time in seconds since the epoch (the lab passes its own clock). */
  now: () => number;
  tiers?: Tier[];
  /** Called once per skipped line, with `file:line: why`. */
  warn?: (message: string) => void;
  /** Compact and rewrite the file after this many appended lines (default 120). */
  compactEvery?: number;
}

/** Reads a history file without changing it (`poolwatch forecast`); bad lines are skipped with a warning. */
export async function readHistory(path: string, options: { tiers?: Tier[]; warn?: (message: string) => void; missingOk?: boolean }): Promise<HistoryStore> {
  const store = new HistoryStore(options.tiers);
  let text = '';
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' || !options.missingOk) throw new PoolwatchError('unreadable-input', `cannot read the history file: ${systemErrorText(err, path)}`, { location: path });
  }
  for (const w of decodeInto(store, text)) options.warn?.(`${path}:${w.replace(/^line /, '')}`);
  return store;
}

export class HistoryFile {
  readonly path: string;
  readonly store: HistoryStore;
  private readonly options: HistoryFileOptions;
  private header: HistoryHeader | null = null;
  private appended = 0;
  /** Appends and rewrites run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();

  private constructor(path: string, store: HistoryStore, options: HistoryFileOptions) {
    this.path = path;
    this.store = store;
    this.options = options;
  }

  /** Reads what is there (a missing file is an empty history), skips bad lines with a warning, and compacts. */
  static async open(path: string, options: HistoryFileOptions): Promise<HistoryFile> {
    const store = await readHistory(path, { ...options, missingOk: true });
    const file = new HistoryFile(path, store, options);
    await file.rewrite();
    return file;
  }

  /** Records a sample in memory and appends it to the file. */
  append(t: number, samples: readonly UsageSample[]): Promise<void> {
    this.store.record(t, samples);
    const encoded = encodeRecording(t, samples, this.header);
    this.header = encoded.header;
    this.queue = this.queue.then(async () => {
      await appendFile(this.path, `${encoded.lines.join('\n')}\n`);
      this.appended += 1;
      if (this.appended >= (this.options.compactEvery ?? 120)) await this.rewrite();
    });
    return this.queue;
  }

  /** Compacts in memory and replaces the file atomically (write a sibling, then rename over it). */
  private async rewrite(): Promise<void> {
    this.store.compact(this.options.now());
    const { text, header } = encodeStore(this.store);
    const temp = `${this.path}.tmp`;
    try {
      await writeFile(temp, text);
      await rename(temp, this.path);
    } catch (err) {
      throw new PoolwatchError('unreadable-input', `cannot write the history file: ${systemErrorText(err, this.path)}`, { location: this.path });
    }
    this.header = header;
    this.appended = 0;
  }

  /** Waits for pending writes. */
  flush(): Promise<void> {
    return this.queue;
  }
}
