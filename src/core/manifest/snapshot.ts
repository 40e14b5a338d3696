// Manifest texts to one ClusterSnapshot: parse every file, decode every object, keep every problem.
import { addToSnapshot, decodeObject } from '../model/decode/index.ts';
import { emptySnapshot, type ClusterSnapshot } from '../model/types.ts';
import { parseManifestText } from './parse.ts';

export interface ManifestText {
  /** The name used in locations (a path as the user gave it, or `-` for stdin). */
  file: string;
  text: string;
}

export function snapshotFromTexts(texts: readonly ManifestText[]): ClusterSnapshot {
  const snapshot = emptySnapshot();
  for (const { file, text } of texts) {
    const parsed = parseManifestText(text, file);
    snapshot.problems.push(...parsed.problems);
    const objects = parsed.objects as Array<(typeof parsed.objects)[number] | null>;
    for (let i = 0; i < objects.length; i++) {
      const obj = objects[i]!;
      // Drop each raw object once decoded, so a large dump is never held twice (raw and model) in memory.
      objects[i] = null;
      addToSnapshot(snapshot, decodeObject(obj.raw, obj.locate));
    }
  }
  return snapshot;
}
