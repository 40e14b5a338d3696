// Scanning JSON text without building values: where a string ends, where an array's items are, and where a field of an object was written.
import type { FieldPath } from './located.ts';

/** Offset of the quote closing the string whose opening quote is at `open` (a quote preceded by an odd run of backslashes is escaped). */
export function stringEnd(text: string, open: number): number {
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
 * Appends to `bounds` the offsets of the array's `[` at `open`, its own commas and its `]`, and returns
 * that of the `]` (-1 when the text ends first). The loop every character of a large list goes through.
 */
export function arrayBounds(text: string, open: number, bounds: number[]): number {
  bounds.push(open);
  let depth = 0; // nesting below the array's own brackets
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32) continue;
    if (c === 34) i = stringEnd(text, i);
    else if (c === 44) {
      if (depth === 0) bounds.push(i);
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (depth === 0) {
        bounds.push(i);
        return i;
      }
      depth--;
    }
  }
  return -1;
}

/** The offset of the first character after `from` that is not whitespace. */
export function valueStart(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) <= 32) i++;
  return i;
}

/**
 * Walks valid JSON text (already accepted by JSON.parse) without building values: it only skips
 * strings and nesting, so locating a field costs a scan of the enclosing object, not a second parse.
 */
export class JsonCursor {
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

  /** Skips a string (see stringEnd). */
  skipString(): void {
    this.i = Math.min(stringEnd(this.text, this.i) + 1, this.text.length);
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

