// Manifest texts to one ClusterSnapshot: parse every file, decode every object, keep every problem.
import { addToSnapshot, decodeObject } from '../model/kinds/decode-object.ts';
import { DEFAULT_METALLB_NAMESPACE } from '../model/kinds/metallb.ts';
import { emptySnapshot, SNAPSHOT_KEYS, type ClusterSnapshot } from '../model/snapshot.ts';
import type { LocatedObject } from './located.ts';
import { readManifestText } from './parse.ts';

export interface ManifestText {
  /** The name used in locations (a path as the user gave it, or `-` for stdin). */
  file: string;
  text: string;
}

/**
 * Problems reported per file at most: a file of a million broken items gives the first ones and a count,
 * not a million findings to sort and print.
 */
export const MAX_PROBLEMS_PER_FILE = 1000;

/** One file's objects decoded, and its problems: those of reading the text first, then those of decoding. */
function snapshotOfText({ file, text }: ManifestText): ClusterSnapshot {
  const decoded = emptySnapshot();
  // Each object is decoded as it is read (a JSON list item by item), so raw objects die young.
  const problems = readManifestText(text, file, (o: LocatedObject) => addToSnapshot(decoded, decodeObject(o.raw, o.locate)));
  const all = [...problems, ...decoded.problems];
  decoded.problems = all.length <= MAX_PROBLEMS_PER_FILE ? all : all.slice(0, MAX_PROBLEMS_PER_FILE);
  if (all.length > MAX_PROBLEMS_PER_FILE) {
    const next = all[MAX_PROBLEMS_PER_FILE]!;
    decoded.problems.push({ ...next, object: null, message: `${all.length - MAX_PROBLEMS_PER_FILE} more problems in this file are not listed (the first ${MAX_PROBLEMS_PER_FILE} are)` });
  }
  return decoded;
}

export interface SnapshotOptions {
  /** The namespace MetalLB reads its configuration from (default metallb-system). */
  metallbNamespace?: string;
}

/**
 * Pools and advertisements outside MetalLB's namespace are left out: MetalLB's webhooks refuse them and
 * its controller never reads them (the outside-metallb-namespace finding reports them from `config`).
 */
function keepMetallbNamespace(snapshot: ClusterSnapshot, namespace: string): ClusterSnapshot {
  if (snapshot.pools.some((p) => p.namespace !== namespace)) snapshot.pools = snapshot.pools.filter((p) => p.namespace === namespace);
  if (snapshot.advertisements.some((a) => a.namespace !== namespace)) snapshot.advertisements = snapshot.advertisements.filter((a) => a.namespace === namespace);
  return snapshot;
}

export function snapshotFromTexts(texts: readonly ManifestText[], options: SnapshotOptions = {}): ClusterSnapshot {
  const namespace = options.metallbNamespace ?? DEFAULT_METALLB_NAMESPACE;
  if (texts.length === 1) return keepMetallbNamespace(snapshotOfText(texts[0]!), namespace);
  const snapshot = emptySnapshot();
  for (const text of texts) {
    const one = snapshotOfText(text);
    for (const key of SNAPSHOT_KEYS) {
      for (const x of one[key]) (snapshot[key] as unknown[]).push(x);
    }
  }
  return keepMetallbNamespace(snapshot, namespace);
}
