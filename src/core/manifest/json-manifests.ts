// JSON text to located objects: JSON.parse for speed, and a small scanner that finds where a field was written only when asked.
import type { SourceLocation } from '../model/types.ts';
import { LineIndex, type FieldPath, type Locator, type ManifestParseResult } from './located.ts';
import { JsonCursor, stringEnd } from './json-cursor.ts';
import { addDocument, type ItemLocators } from './list.ts';
import { parseYamlManifests } from './yaml-manifests.ts';

/**
 * Start offsets of the values in the array whose `[` is at `open`, in one pass that only follows strings
 * and nesting. The text is valid JSON (JSON.parse accepted it), so every string and bracket is closed,
 * and outside strings every character below 33 is whitespace.
 */
export function arrayItemOffsets(text: string, open: number): number[] {
  const starts: number[] = [];
  if (text.charCodeAt(open) !== 91) return starts;
  let depth = 0; // nesting below the array's own brackets
  let expectItem = true; // after `[` or a `,` of the array itself, the next value starts an item
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32) continue;
    if (depth === 0) {
      if (c === 93) break; // the array's own `]`
      if (c === 44) {
        expectItem = true;
        continue;
      }
      if (expectItem) {
        starts.push(i);
        expectItem = false;
      }
    }
    // Strings are skipped with indexOf: most of a manifest's text is inside them.
    if (c === 34) i = stringEnd(text, i);
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
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
  let lines: LineIndex | null = null;
  const at = (offset: number): SourceLocation => {
    const { line, col } = (lines ??= new LineIndex(text)).position(offset);
    return { file, line, col };
  };
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
