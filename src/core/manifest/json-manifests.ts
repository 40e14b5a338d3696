// The one JSON reader: a list (what `kubectl get -o json` prints) item by item, anything else as one document.
//
// Why item by item: JSON.parse of a 100,000-service dump builds every raw object at once, and the garbage
// collector then copies all of them while the model is built beside them. Parsed one at a time, an
// item's raw objects die young and cost the collector nothing. For valid JSON the result is the same as
// parsing the text whole: the text outside the items (the skeleton) and every item are each checked by
// JSON.parse, and the items are exactly the pieces between the list's own commas. A broken item or a
// list cut off part way is one located problem; every complete item beside it is still read.
import type { InputProblem } from '../model/types.ts';
import { arrayBounds, JsonCursor, stringEnd, valueStart } from './json-cursor.ts';
import { handOn, offsetLocator, type FieldPath, type LocatedObject, type Locator, type ManifestParseResult } from './located.ts';
import { addDocument, expandItem, isList } from './list.ts';
import { parseYamlManifests } from './yaml-manifests.ts';

/** Where a top-level object's `items` array is, and whether the text ends before the object is closed. */
interface ItemsScan {
  /** Offsets of the array's `[`, its own commas and, when the array is closed, its `]`. */
  bounds: number[];
  /** Offset of the `]`, or -1 when the text ends inside the array. */
  close: number;
  /** Whether the top-level object's `}` was reached. */
  closed: boolean;
}

/**
 * Finds the `items` array of a top-level object in one pass that follows strings and nesting: exact for
 * valid JSON; for anything else the JSON.parse checks of the pieces fail. Null when the text is not an
 * object, has no `items` array, names `items` twice (JSON.parse keeps the last) or writes a top-level key
 * with escapes: such a text is read as one document.
 */
function scanItems(text: string): ItemsScan | null {
  let i = valueStart(text, 0);
  if (text.charCodeAt(i) !== 123) return null;
  const bounds: number[] = [];
  let close = -1;
  let depth = 0;
  let expectKey = false; // at the top level, after `{` or `,`
  let valueIsItems = false; // the next top-level value is that of the `items` key
  let itemsKeys = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 58) continue; // whitespace, `:`
    if (depth === 1) {
      if (c === 44) {
        expectKey = true;
        continue;
      }
      if (expectKey) {
        if (c !== 34) return null;
        const end = stringEnd(text, i);
        const key = text.slice(i + 1, end);
        if (key.includes('\\')) return null;
        if (key === 'items') {
          itemsKeys++;
          valueIsItems = true;
        }
        expectKey = false;
        i = end;
        continue;
      }
      if (valueIsItems && c === 91) {
        // The items array is skipped by its own loop, which notes its commas; the scan goes on after it.
        if (bounds.length > 0) return null;
        close = arrayBounds(text, i, bounds);
        if (close < 0) return { bounds, close, closed: false };
        i = close;
        valueIsItems = false;
        continue;
      }
      valueIsItems = false;
    }
    if (c === 34) i = stringEnd(text, i);
    else if (c === 123 || c === 91) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) break;
    }
  }
  if (itemsKeys !== 1 || bounds.length === 0) return null;
  return { bounds, close, closed: depth === 0 };
}

/** The part of V8's JSON.parse message worth showing, and the offset it names (relative to the parsed slice). */
function jsonError(e: unknown): { message: string; at: number | null } {
  const full = (e as Error).message;
  const at = / at position (\d+)/.exec(full);
  // Short inputs are quoted in the message (`Unexpected token '}', "{"a":}" is not valid JSON`): drop the quote.
  const message = full.replace(/( in JSON)? at position \d+.*$/s, '').replace(/, ".*$/s, '');
  return { message, at: at ? Number(at[1]) : null };
}

/**
 * Reads a list item by item, or null when the text is not one (it is then read as one document). A text
 * cut off inside the list (or after it) is still read as a list: its kind is assumed to be `List` when the
 * cut came before the `kind` key (kubectl writes `items` before `kind`).
 */
export function readListItems(text: string, file: string, onObject: (o: LocatedObject) => void): InputProblem[] | null {
  const scan = scanItems(text);
  if (!scan) return null;
  const { bounds } = scan;
  const open = bounds[0]!;
  let skeleton: unknown;
  try {
    // The skeleton of a cut-off text is what came before the items, closed.
    skeleton = JSON.parse(scan.closed ? text.slice(0, open + 1) + text.slice(scan.close) : `${text.slice(0, open + 1)}]}`);
  } catch {
    return null;
  }
  if (typeof skeleton !== 'object' || skeleton === null || Array.isArray(skeleton)) return null;
  const list = skeleton as Record<string, unknown>;
  if (!scan.closed && list['kind'] === undefined) list['kind'] = 'List';
  if (!isList(list) || !Array.isArray(list['items'])) return null;

  const at = offsetLocator(text, file);
  const cursor = new JsonCursor(text);
  const out: ManifestParseResult = { objects: [], problems: [] };
  const kind = list['kind'] as string;
  let cutReported = false;
  // Piece k lies between bounds k and k + 1; a cut-off list has one more piece, from its last comma to the end.
  const ends = scan.close < 0 ? [...bounds.slice(1), text.length] : bounds.slice(1);
  for (let k = 0; k < ends.length; k++) {
    const from = bounds[k]! + 1;
    const to = ends[k]!;
    const start = valueStart(text, from);
    const last = k === ends.length - 1;
    if (start >= to) {
      // Blank: `[ ]` (no items), or a stray comma.
      if (last && scan.close >= 0 && k === 0) break;
      if (last && scan.close < 0) break; // the cut came right after a comma
      out.problems.push({ code: 'invalid-manifest', message: `items[${k}] of the ${kind} is empty (a comma too many)`, object: null, location: at(Math.min(start, to)) });
      continue;
    }
    let item: unknown;
    try {
      item = JSON.parse(text.slice(from, to));
    } catch (e) {
      const cut = last && scan.close < 0;
      cutReported ||= cut;
      const { message, at: offset } = jsonError(e);
      out.problems.push({
        code: 'invalid-manifest',
        message: cut ? `the text ends inside items[${k}] of the ${kind} (cut off?); the items before it are read` : `items[${k}] of the ${kind} is not valid JSON: ${message}`,
        object: null,
        location: at(cut || offset === null ? start : from + offset),
      });
      continue;
    }
    const locate: Locator = (path: FieldPath) => at(path.length === 0 ? start : cursor.find(start, path));
    expandItem(list, k, item, locate, out);
    for (const o of out.objects) onObject(o);
    out.objects.length = 0;
  }
  if (!scan.closed && !cutReported) {
    out.problems.push({ code: 'invalid-manifest', message: `the text ends before the ${kind} is closed (cut off?); the items before it are read`, object: null, location: at(text.length) });
  }
  return out.problems;
}

/** Reads JSON text as one document (JSON.parse of the whole), or null when it is not valid JSON. */
export function readJsonDocument(text: string, file: string, onObject: (o: LocatedObject) => void): InputProblem[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const at = offsetLocator(text, file);
  const cursor = new JsonCursor(text);
  const out: ManifestParseResult = { objects: [], problems: [] };
  addDocument(value, (path: FieldPath) => at(cursor.find(0, path)), out, 'the JSON document');
  return handOn(out, onObject);
}

/**
 * Reads JSON manifest text, handing each object to `onObject` in document order, and returns the
 * problems met: a list item by item, anything else as one document. Text that is neither goes to the
 * YAML parser, which locates syntax errors.
 */
export function readJsonManifests(text: string, file: string, onObject: (o: LocatedObject) => void): InputProblem[] {
  return readListItems(text, file, onObject) ?? readJsonDocument(text, file, onObject) ?? handOn(parseYamlManifests(text, file), onObject);
}
