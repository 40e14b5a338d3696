// Manifest files as a source: files, directories (recursively: *.yaml, *.yml, *.json) and `-` for stdin.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { PoolwatchError } from '../core/errors.ts';
import { snapshotFromTexts, type ManifestText } from '../core/manifest/snapshot.ts';
import type { ClusterSnapshot } from '../core/model/snapshot.ts';
import type { SnapshotSource } from './source.ts';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

export interface ManifestSourceOptions {
  paths: readonly string[];
  /** Reads standard input, for the `-` path. */
  readStdin: () => Promise<string>;
  /** Relative paths are resolved against this directory, but shown as given. */
  cwd: string;
}

async function listDirectory(dir: string, shown: string): Promise<Array<{ full: string; shown: string }>> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: Array<{ full: string; shown: string }> = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    const name = join(shown, e.name);
    if (e.isDirectory()) {
      if (!e.name.startsWith('.')) out.push(...(await listDirectory(full, name)));
    } else if (MANIFEST_FILE.test(e.name)) {
      out.push({ full, shown: name });
    }
  }
  return out;
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Reads every path; unreadable paths are errors (exit 2), since the user named them. */
export async function readManifestTexts(options: ManifestSourceOptions): Promise<ManifestText[]> {
  const texts: ManifestText[] = [];
  for (const path of options.paths) {
    if (path === '-') {
      texts.push({ file: '-', text: await options.readStdin() });
      continue;
    }
    const full = isAbsolute(path) ? path : join(options.cwd, path);
    let info;
    try {
      info = await stat(full);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      throw new PoolwatchError('unreadable-input', `cannot read ${path}: ${why}`);
    }
    const files = info.isDirectory() ? await listDirectory(full, path) : [{ full, shown: path }];
    if (info.isDirectory() && files.length === 0) {
      throw new PoolwatchError('no-manifests', `${path}: directory holds no *.yaml, *.yml or *.json files`, {});
    }
    for (const f of files) {
      let buf: Buffer;
      try {
        buf = await readFile(f.full);
      } catch (e) {
        throw new PoolwatchError('unreadable-input', `cannot read ${f.shown}: ${(e as Error).message}`, {});
      }
      if (looksBinary(buf)) throw new PoolwatchError('unreadable-input', `${f.shown}: is a binary file, not a YAML or JSON manifest`, {});
      texts.push({ file: f.shown, text: buf.toString('utf8') });
    }
  }
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
      const snapshot = snapshotFromTexts(all);
      requireUsable(snapshot, all);
      return snapshot;
    },
  };
}
