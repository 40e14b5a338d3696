// JSON text to located objects: JSON.parse for speed, and a small scanner that finds where a field was written only when asked.
import type { SourceLocation } from '../model/types.ts';
import { LineIndex, type FieldPath, type Locator, type ManifestParseResult } from './located.ts';
import { addDocument } from './list.ts';
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

/** Parses JSON manifest text; falls back to the YAML parser (which locates syntax errors) when it is not valid JSON. */
export function parseJsonManifests(text: string, file: string): ManifestParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseYamlManifests(text, file);
  }
  let lines: LineIndex | null = null;
  const at = (offset: number): SourceLocation => ({ file, ...(lines ??= new LineIndex(text)).position(offset) });
  const cursor = new JsonCursor(text);
  // Item start offsets of a top-level list are found once, so each item is then located by a short scan.
  let items: number[] | null = null;
  const itemOffsets = (): number[] => {
    if (items) return items;
    items = [];
    const start = cursor.find(0, ['items']);
    cursor.i = start;
    if (text[start] === '[') {
      cursor.i++;
      for (;;) {
        cursor.ws();
        const c = text[cursor.i];
        if (c === ']' || c === undefined) break;
        items.push(cursor.i);
        cursor.value();
        cursor.ws();
        if (text[cursor.i] === ',') cursor.i++;
      }
    }
    return items;
  };
  const locate: Locator = (path: FieldPath) => {
    if (path.length >= 2 && path[0] === 'items' && typeof path[1] === 'number') {
      const start = itemOffsets()[path[1]];
      if (start !== undefined) return at(cursor.find(start, path.slice(2)));
    }
    return at(cursor.find(0, path));
  };
  const out: ManifestParseResult = { objects: [], problems: [] };
  addDocument(value, locate, out, 'the JSON document');
  return out;
}
