// Manifest text to located objects: picks the JSON fast path or the YAML parser by the first character.
import type { ManifestParseResult } from './located.ts';
import { parseJsonManifests } from './json-manifests.ts';
import { parseYamlManifests } from './yaml-manifests.ts';

export type { FieldPath, LocatedObject, Locator, ManifestParseResult } from './located.ts';

/**
 * Parses one manifest file's text (multi-document YAML, JSON, `kind: List`). Never throws: every
 * problem is returned with `file:line:col`, and every readable object is returned beside them.
 */
export function parseManifestText(text: string, file: string): ManifestParseResult {
  const body = manifestBody(text);
  const first = /\S/.exec(body)?.[0];
  if (first === '{' || first === '[') return parseJsonManifests(body, file);
  return parseYamlManifests(body, file);
}

/** The text without a leading byte order mark: offsets, and so columns, count from after it. */
export function manifestBody(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
