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
    for (const obj of parsed.objects) addToSnapshot(snapshot, decodeObject(obj.raw, obj.locate));
  }
  return snapshot;
}
