// JSON text to located objects: JSON.parse for speed, and a small scanner that finds where a field was written only when asked.
import type { SourceLocation } from '../model/types.ts';
import { LineIndex, type FieldPath, type Locator, type ManifestParseResult } from './located.ts';
import { addDocument, type ItemLocators } from './list.ts';
import { parseYamlManifests } from './yaml-manifests.ts';

/**
 * Walks valid JSON text (already accepted by JSON.parse) without building values: it only skips
 * strings and nesting, so locating a field costs a scan of the enclosing object, not a second parse.
 */
class JsonCursor {
  i = 0;
  constructor(private readonly text: string) {}

  ws(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      this.i++;
    }
  }

  /** Skips a string; the closing quote is the first one not escaped by a backslash. */
  skipString(): void {
    const t = this.text;
    let j = this.i + 1;
    for (;;) {
      const q = t.indexOf('"', j);
      if (q < 0) {
        this.i = t.length;
        return;
      }
      let backslashes = 0;
      for (let k = q - 1; t.charCodeAt(k) === 92; k--) backslashes++;
      if (backslashes % 2 === 0) {
        this.i = q + 1;
        return;
      }
      j = q + 1;
    }
  }

  /** Reads a string (object keys only, so the JSON.parse of a short slice is cheap). */
  string(): string {
    const start = this.i;
    this.skipString();
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  /** Skips one value starting at the cursor (after whitespace). */
  value(): void {
    this.ws();
    const t = this.text;
    const c = t[this.i];
    if (c === '"') {
      this.skipString();
      return;
    }
    if (c !== '{' && c !== '[') {
      while (this.i < t.length && !',}] \n\r\t'.includes(t[this.i]!)) this.i++;
      return;
    }
    let depth = 0;
    while (this.i < t.length) {
      const d = t[this.i]!;
      if (d === '"') {
        this.skipString();
        continue;
      }
      this.i++;
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return;
      }
    }
  }

  /** Offset of the value at `path` below the value starting at `from`, or of the deepest part found. */
  find(from: number, path: FieldPath): number {
    this.i = from;
    this.ws();
    let found = this.i;
    for (const key of path) {
      const open = this.text[this.i];
      if (open !== '{' && open !== '[') return found;
      this.i++;
      let index = 0;
      let hit = false;
      for (;;) {
        this.ws();
        const c = this.text[this.i];
        if (c === '}' || c === ']' || c === undefined) break;
        if (open === '{') {
          const k = this.string();
          this.ws();
          this.i++; // colon
          this.ws();
          if (k === key) {
            hit = true;
            break;
          }
        } else if (index === key) {
          hit = true;
          break;
        }
        this.value();
        this.ws();
        if (this.text[this.i] === ',') this.i++;
        index++;
      }
      if (!hit) return found;
      found = this.i;
    }
    return found;
  }
}

/** Offset of the quote closing the string whose opening quote is at `open` (a quote preceded by an odd run of backslashes is escaped). */
function stringEnd(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  for (;;) {
    if (q < 0) return text.length; // unclosed (never in text JSON.parse accepted): end the scan rather than loop
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
}

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
