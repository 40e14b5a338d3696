// Manifest files as a source: files, directories (recursively: *.yaml, *.yml, *.json) and `-` for stdin.
import { systemErrorText } from '../core/system-error.ts';
import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { isAbsolute, join } from 'node:path';
import { PoolwatchError } from '../core/errors.ts';
import { snapshotFromTexts, type ManifestText } from '../core/manifest/snapshot.ts';
import type { ClusterSnapshot } from '../core/model/snapshot.ts';
import type { SnapshotSource } from './source.ts';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * The default bound on the bytes read, per file and in total: twice a 100,000-service JSON dump
 * (about 33 MB), while what is read and built from it stays well under 1 GB of memory.
 */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * YAML costs the parser about a hundred times its size in memory (JSON about ten) and far more time, so
 * a YAML file may hold this fraction of the bound: 4 MiB by default.
 */
const YAML_SHARE = 16;

/** YAML documents per file at most: each costs the parser as much as a small file, even when empty. */
export const MAX_YAML_DOCUMENTS = 10_000;

/** Refuses YAML text the parser could not read within the memory and time a file may take. */
function checkYamlCost(text: string, shown: string, max: number): void {
  if (text.length * YAML_SHARE > max) {
    throw tooLarge(`${shown} is YAML, which costs the parser about a hundred times its size in memory; YAML is bounded at 1/${YAML_SHARE} of`, max);
  }
  let documents = 0;
  for (let i = text.indexOf('---'); i >= 0; i = text.indexOf('---', i + 3)) {
    if ((i === 0 || text.charCodeAt(i - 1) === 10) && ++documents > MAX_YAML_DOCUMENTS) {
      throw new PoolwatchError('unreadable-input', `${shown} holds more than ${MAX_YAML_DOCUMENTS.toLocaleString('en-US')} YAML documents: split it, or convert it to one JSON List (kubectl get -o json)`);
    }
  }
}

export interface ManifestSourceOptions {
  paths: readonly string[];
  /** Reads standard input, for the `-` path: at most `maxBytes` + 1 bytes (more than `maxBytes` is refused). */
  readStdin: (maxBytes: number) => Promise<string | Buffer>;
  /** Relative paths are resolved against this directory, but shown as given. */
  cwd: string;
  /** Bytes read at most, per file and in total (default DEFAULT_MAX_INPUT_BYTES). */
  maxInputBytes?: number;
  /** Told about what was skipped or read with a caveat (special files, link loops, invalid UTF-8); one line each. */
  notice?: (message: string) => void;
  /** The namespace MetalLB reads its configuration from (default metallb-system). */
  metallbNamespace?: string;
}

interface Entry {
  full: string;
  shown: string;
}

/** What a path is, following symbolic links; `broken` when a link leads nowhere (or round in a circle). */
async function kindOf(full: string): Promise<'directory' | 'file' | 'other' | 'broken'> {
  try {
    const info = await stat(full);
    return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
  } catch {
    return 'broken';
  }
}


/**
 * The manifest files below `dir`, in name order. Symbolic links are followed; a folder reached twice
 * (a link loop, or two links to one folder) is read once. Hidden folders are skipped (a ConfigMap volume
 * keeps its real files in `..data`, with links to them beside).
 */
async function listDirectory(dir: Entry, seen: Set<string>, notice: (m: string) => void): Promise<Entry[]> {
  let entries;
  try {
    entries = await readdir(dir.full, { withFileTypes: true });
  } catch (e) {
    throw new PoolwatchError('unreadable-input', `cannot read the folder: ${systemErrorText(e, dir.shown)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: Entry[] = [];
  for (const e of entries) {
    const entry = { full: join(dir.full, e.name), shown: join(dir.shown, e.name) };
    const kind = e.isDirectory() ? 'directory' : e.isFile() ? 'file' : e.isSymbolicLink() ? await kindOf(entry.full) : 'other';
    if (kind === 'directory') {
      if (e.name.startsWith('.')) continue;
      const real = await realpath(entry.full);
      if (seen.has(real)) {
        notice(`skipped ${entry.shown}: a link to a folder already read`);
        continue;
      }
      seen.add(real);
      out.push(...(await listDirectory(entry, seen, notice)));
    } else if (MANIFEST_FILE.test(e.name)) {
      if (kind === 'file') out.push(entry);
      else if (kind === 'broken') notice(`skipped ${entry.shown}: a symbolic link that leads nowhere`);
      else notice(`skipped ${entry.shown}: not a regular file`);
    }
  }
  return out;
}

/** Where the first byte that is not valid UTF-8 is, or -1. */
function firstInvalidUtf8(buf: Buffer): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > buf.length) return i;
    for (let k = 1; k < n; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points above U+10FFFF.
    const c = buf[i + 1]!;
    if ((b === 0xe0 && c < 0xa0) || (b === 0xed && c >= 0xa0) || (b === 0xf0 && c < 0x90) || (b === 0xf4 && c >= 0x90)) return i;
    i += n;
  }
  return -1;
}

/** The text of a file's bytes; invalid UTF-8 is read as U+FFFD, and said once with where it first is. */
function decode(buf: Buffer, shown: string, notice: (m: string) => void): string {
  const text = buf.toString('utf8');
  if (isUtf8(buf)) return text;
  const bad = firstInvalidUtf8(buf);
  const before = buf.subarray(0, Math.max(bad, 0)).toString('utf8');
  const lines = before.split(/\r\n|\r|\n/); // line ends as the manifest reader counts them
  const line = lines.length;
  const col = lines[line - 1]!.length + 1;
  notice(`${shown}:${line}:${col}: bytes that are not valid UTF-8, read as U+FFFD (save the file as UTF-8)`);
  return text;
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Counts the bytes read against the bound, per file and in total. */
class InputBudget {
  private used = 0;
  constructor(readonly max: number) {}

  /** How many more bytes `shown` may have. */
  left(): number {
    return Math.min(this.max, this.max - this.used);
  }

  spend(bytes: number, shown: string): void {
    if (bytes > this.max) throw tooLarge(`${shown} is larger than`, this.max);
    this.used += bytes;
    if (this.used > this.max) throw tooLarge(`reading ${shown} takes the input past`, this.max);
  }
}

function tooLarge(what: string, max: number): PoolwatchError {
  return new PoolwatchError('unreadable-input', `${what} the input bound of ${formatSize(max)} (raise it with --max-input-size)`);
}

/** A size in the largest binary unit it fills: `128 MiB`. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) {
    if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
  }
  return `${bytes} bytes`;
}

/**
 * Reads a regular file, at most `limit` + 1 bytes; null when it is not a regular file. It is opened
 * without blocking and checked on the open handle, so a FIFO (or a file swapped for one) never hangs.
 */
async function readRegularFile(full: string, limit: number): Promise<Buffer | null> {
  const handle = await open(full, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) return null;
    const chunks: Buffer[] = [];
    let total = 0;
    // Read in pieces rather than trusting the size: a file can grow while it is read.
    for (;;) {
      const want = Math.min(limit + 1 - total, 1 << 20);
      if (want <= 0) break;
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(want), 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** Reads every path; unreadable paths are errors (exit 2), since the user named them. */
export async function readManifestTexts(options: ManifestSourceOptions): Promise<ManifestText[]> {
  const texts: ManifestText[] = [];
  const notice = options.notice ?? (() => undefined);
  const budget = new InputBudget(options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES);
  const seen = new Set<string>();
  const add = (buf: Buffer | string, shown: string) => {
    budget.spend(typeof buf === 'string' ? Buffer.byteLength(buf) : buf.length, shown);
    if (typeof buf !== 'string' && looksBinary(buf)) throw new PoolwatchError('unreadable-input', `${shown}: is a binary file, not a YAML or JSON manifest`, {});
    const text = typeof buf === 'string' ? buf : decode(buf, shown, notice);
    const first = /\S/.exec(text.slice(0, 4096))?.[0];
    if (first !== '{' && first !== '[') checkYamlCost(text, shown, budget.max);
    texts.push({ file: shown, text });
  };
  for (const path of options.paths) {
    if (path === '-') {
      add(await options.readStdin(budget.left()), '-');
      continue;
    }
    const full = isAbsolute(path) ? path : join(options.cwd, path);
    const kind = await kindOf(full);
    if (kind === 'broken') {
      try {
        await stat(full);
      } catch (e) {
        throw new PoolwatchError('unreadable-input', systemErrorText(e, path));
      }
    }
    if (kind === 'other') {
      notice(`skipped ${path}: not a regular file`);
      continue;
    }
    let files = [{ full, shown: path }];
    if (kind === 'directory') {
      seen.add(await realpath(full));
      files = await listDirectory({ full, shown: path }, seen, notice);
      if (files.length === 0) throw new PoolwatchError('no-manifests', `${path}: directory holds no *.yaml, *.yml or *.json files`, {});
    }
    for (const f of files) {
      let buf: Buffer | null;
      try {
        buf = await readRegularFile(f.full, budget.left());
      } catch (e) {
        throw new PoolwatchError('unreadable-input', systemErrorText(e, f.shown), {});
      }
      if (buf === null) notice(`skipped ${f.shown}: not a regular file`);
      else add(buf, f.shown);
    }
  }
  if (texts.length === 0) throw new PoolwatchError('no-manifests', `nothing to read: ${options.paths.join(', ')} held no regular file`);
  return texts;
}

/** Fails with exit 2 when nothing usable was read (every file empty, or every object invalid). */
export function requireUsable(snapshot: ClusterSnapshot, texts: readonly ManifestText[]): void {
  const usable = snapshot.pools.length + snapshot.services.length + snapshot.advertisements.length + snapshot.namespaces.length + snapshot.events.length + snapshot.config.filter((o) => o.readable).length;
  if (usable > 0) return;
  const first = snapshot.problems[0];
  if (first) {
    const where = first.location ? `${first.location.file}:${first.location.line}:${first.location.col}: ` : '';
    const more = snapshot.problems.length > 1 ? ` (and ${snapshot.problems.length - 1} more problem${snapshot.problems.length > 2 ? 's' : ''})` : '';
    throw new PoolwatchError('invalid-manifest', `${where}${first.message}${more}; nothing usable remains`, {});
  }
  const names = texts.map((t) => t.file).join(', ');
  if (texts.every((t) => t.text.trim() === '')) throw new PoolwatchError('no-manifests', `${names}: empty, no manifests to read`, {});
  throw new PoolwatchError('no-manifests', `${names}: no MetalLB or Kubernetes objects poolwatch reads (IPAddressPool, L2/BGPAdvertisement, Service, Namespace, Event, MetalLB ConfigMap)`, {});
}

export function createManifestSource(options: ManifestSourceOptions): SnapshotSource & { texts(): Promise<ManifestText[]> } {
  let cached: ManifestText[] | null = null;
  const texts = async () => (cached ??= await readManifestTexts(options));
  return {
    description: `manifests (${options.paths.join(' ')})`,
    texts,
    async load() {
      const all = await texts();
      const snapshot = snapshotFromTexts(all, options.metallbNamespace ? { metallbNamespace: options.metallbNamespace } : {});
      requireUsable(snapshot, all);
      return snapshot;
    },
  };
}
