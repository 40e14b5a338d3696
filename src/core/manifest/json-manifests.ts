// JSON text to located objects: JSON.parse for speed, and a small scanner that finds where a field was written only when asked.
import { offsetLocator, type FieldPath, type Locator, type ManifestParseResult } from './located.ts';
import { arrayBounds, JsonCursor, valueStart } from './json-cursor.ts';
import { addDocument, type ItemLocators } from './list.ts';
import { parseYamlManifests } from './yaml-manifests.ts';

/** Start offsets of the values in the array whose `[` is at `open` (none when there is no array there). */
export function arrayItemOffsets(text: string, open: number): number[] {
  const bounds: number[] = [];
  if (text.charCodeAt(open) !== 91 || arrayBounds(text, open, bounds) < 0) return [];
  const starts: number[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const start = valueStart(text, bounds[k]! + 1);
    if (start < bounds[k + 1]!) starts.push(start); // not the blank inside `[ ]`
  }
  return starts;
}

/** Parses JSON manifest text; falls back to the YAML parser (which locates syntax errors) when it is not valid JSON. */
export function parseJsonManifests(text: string, file: string): ManifestParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseYamlManifests(text, file);
  }
  const at = offsetLocator(text, file);
  const cursor = new JsonCursor(text);
  const locate: Locator = (path: FieldPath) => at(cursor.find(0, path));
  // Where the top-level list's items start is found in one pass over the text, the first time any item is
  // located; each item's own fields are then found by a short scan from its start.
  let items: number[] | null = null;
  const itemLocators: ItemLocators = (index) => (path: FieldPath) => {
    items ??= arrayItemOffsets(text, cursor.find(0, ['items']));
    const start = items[index];
    // Only a text with a second `items` key (JSON.parse keeps the last) can leave an item unfound.
    if (start === undefined) return locate(['items', index, ...path]);
    return at(path.length === 0 ? start : cursor.find(start, path));
  };
  const out: ManifestParseResult = { objects: [], problems: [] };
  addDocument(value, locate, out, 'the JSON document', itemLocators);
  return out;
}
