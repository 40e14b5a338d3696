// A JSON List read item by item: each item is parsed, handed on and dropped, so a large dump never exists whole as raw objects.
//
// Why: JSON.parse of a 100,000-service dump builds every raw object at once, and the garbage collector
// then copies all of them while the model is built beside them. Parsed one at a time, an item's raw
// objects die young and cost the collector nothing. The result is the same as parsing the text whole:
// the text outside the items (the skeleton) and every item are each checked by JSON.parse, and the items
// are exactly the pieces between the list's own commas. Anything unusual gives null, and the caller
// reads the text the ordinary way.
import type { InputProblem } from '../model/types.ts';
import { arrayBounds, JsonCursor, stringEnd, valueStart } from './json-cursor.ts';
import { offsetLocator, type FieldPath, type LocatedObject, type ManifestParseResult } from './located.ts';
import { expandItem, isList } from './list.ts';

/**
 * Where the `items` array of a top-level object is: the offsets of its `[`, its own commas and its `]`
 * (so item k is the text between bounds k and k + 1). Found in one pass that follows strings and
 * nesting: exact for valid JSON; for anything else the JSON.parse checks of the pieces fail. Null when
 * the text is not an object, has no `items` array, names `items` twice (JSON.parse keeps the last) or
 * writes a top-level key with escapes.
 */
function itemsBounds(text: string): number[] | null {
  let i = valueStart(text, 0);
  if (text.charCodeAt(i) !== 123) return null;
  const bounds: number[] = [];
  let depth = 0;
  let expectKey = false; // at the top level, after `{` or `,`
  let valueIsItems = false; // the next top-level value is that of the `items` key
  let itemsKeys = 0;
  let open = -1;
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
        if (open >= 0) return null;
        open = i;
        i = arrayBounds(text, i, bounds);
        if (i < 0) return null;
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
  if (itemsKeys !== 1 || open < 0) return null;
  return bounds;
}

/**
 * Reads a JSON `kind: List` (or typed list) item by item, handing each object to `onObject` in document
 * order; returns the problems met (items that are not objects), or null when the text is not such a
 * list or is not valid JSON. On null, objects already handed on belong to an abandoned attempt.
 */
export function readJsonListItems(text: string, file: string, onObject: (o: LocatedObject) => void): InputProblem[] | null {
  const bounds = itemsBounds(text);
  if (!bounds) return null;
  const open = bounds[0]!;
  const close = bounds[bounds.length - 1]!;
  let list: unknown;
  try {
    list = JSON.parse(text.slice(0, open + 1) + text.slice(close));
  } catch {
    return null;
  }
  const skeleton = list as Record<string, unknown>;
  if (typeof list !== 'object' || list === null || Array.isArray(list) || !isList(skeleton)) return null;
  if (!Array.isArray(skeleton['items']) || skeleton['items'].length !== 0) return null;
  // An empty list (`[ ]`) is one blank piece; nothing to gain here.
  if (bounds.length === 2 && text.slice(open + 1, close).trim() === '') return null;

  const at = offsetLocator(text, file);
  const cursor = new JsonCursor(text);
  const out: ManifestParseResult = { objects: [], problems: [] };
  for (let k = 0; k + 1 < bounds.length; k++) {
    let item: unknown;
    try {
      item = JSON.parse(text.slice(bounds[k]! + 1, bounds[k + 1]));
    } catch {
      return null;
    }
    const start = valueStart(text, bounds[k]! + 1);
    const locate = (path: FieldPath) => at(path.length === 0 ? start : cursor.find(start, path));
    expandItem(skeleton, k, item, locate, out);
    for (const o of out.objects) onObject(o);
    out.objects.length = 0;
  }
  return out.problems;
}
