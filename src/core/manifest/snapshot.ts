// Manifest texts to one ClusterSnapshot: parse every file, decode every object, keep every problem.
import { addToSnapshot, decodeObject } from '../model/decode/index.ts';
import { DEFAULT_METALLB_NAMESPACE } from '../model/metallb-kinds.ts';
import { emptySnapshot, type ClusterSnapshot, type InputProblem } from '../model/types.ts';
import { readJsonListItems } from './json-list-items.ts';
import type { LocatedObject } from './located.ts';
import { manifestBody, parseManifestText } from './parse.ts';

export interface ManifestText {
  /** The name used in locations (a path as the user gave it, or `-` for stdin). */
  file: string;
  text: string;
}

/** One file's objects decoded, and its problems: those of reading the text first, then those of decoding. */
function snapshotOfText({ file, text }: ManifestText): ClusterSnapshot {
  let decoded = emptySnapshot();
  const decode = (o: LocatedObject) => addToSnapshot(decoded, decodeObject(o.raw, o.locate));
  // A JSON list (what `kubectl get -o json` prints) is decoded item by item as it is parsed.
  let problems: InputProblem[] | null = readJsonListItems(manifestBody(text), file, decode);
  if (problems === null) {
    decoded = emptySnapshot(); // objects of an abandoned item-by-item attempt are dropped
    const parsed = parseManifestText(text, file);
    problems = parsed.problems;
    const objects = parsed.objects as Array<LocatedObject | null>;
    for (let i = 0; i < objects.length; i++) {
      const obj = objects[i]!;
      // Drop each raw object once decoded, so a large dump is never held twice (raw and model) in memory.
      objects[i] = null;
      decode(obj);
    }
  }
  decoded.problems = [...problems, ...decoded.problems];
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
    for (const key of ['pools', 'advertisements', 'namespaces', 'services', 'events', 'problems', 'config'] as const) {
      for (const x of one[key]) (snapshot[key] as unknown[]).push(x);
    }
  }
  return keepMetallbNamespace(snapshot, namespace);
}
