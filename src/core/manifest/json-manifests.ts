// JSON text to located objects: JSON.parse for speed, a light scanner for each object's position, YAML's parser only when a field must be located.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { SourceLocation } from '../model/types.ts';
import { LineIndex, type FieldPath, type Locator, type ManifestParseResult } from './located.ts';
import { addDocument } from './list.ts';
import { nodeAt, parseYamlManifests } from './yaml-manifests.ts';

/**
 * Start offsets of the top-level value and of each element of its `items` array, found by one
 * linear scan that only tracks strings and nesting (the text is known to be valid JSON).
 */
function scanOffsets(text: string): { top: number; items: number[] } {
  let i = 0;
  const n = text.length;
  const skipWs = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const skipString = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 34) {
        i++;
        return;
      } else i++;
    }
  };
  const skipValue = () => {
    skipWs();
    let depth = 0;
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        skipString();
        if (depth === 0) return;
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) return; // the end of the enclosing container after a scalar
        depth--;
        if (depth === 0) {
          i++;
          return;
        }
      } else if (depth === 0 && (c === ',' || c === ' ' || c === '\n' || c === '\r' || c === '\t')) return;
      i++;
    }
  };
  skipWs();
  const top = i;
  const items: number[] = [];
  if (text[i] !== '{') return { top, items };
  i++;
  for (;;) {
    skipWs();
    if (i >= n || text[i] === '}') break;
    const keyStart = i;
    skipString();
    const key = JSON.parse(text.slice(keyStart, i)) as string;
    skipWs();
    i++; // colon
    skipWs();
    if (key === 'items' && text[i] === '[') {
      i++;
      for (;;) {
        skipWs();
        if (text[i] === ']') {
          i++;
          break;
        }
        items.push(i);
        skipValue();
        skipWs();
        if (text[i] === ',') i++;
      }
    } else {
      skipValue();
    }
    skipWs();
    if (text[i] === ',') i++;
  }
  return { top, items };
}

/** Parses JSON manifest text; falls back to the YAML parser (which locates syntax errors) when it is not valid JSON. */
export function parseJsonManifests(text: string, file: string): ManifestParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseYamlManifests(text, file);
  }
  const lines = new LineIndex(text);
  const at = (offset: number): SourceLocation => ({ file, ...lines.position(offset) });
  const offsets = scanOffsets(text);
  let doc: Document | null = null;
  let lineCounter: LineCounter | null = null;
  const locate: Locator = (path: FieldPath) => {
    if (path.length === 0) return at(offsets.top);
    if (path.length === 2 && path[0] === 'items' && typeof path[1] === 'number' && offsets.items[path[1]] !== undefined) {
      return at(offsets.items[path[1]]!);
    }
    // A deeper field: parse once with positions (only happens when something must be reported).
    if (!doc) {
      lineCounter = new LineCounter();
      doc = parseDocument(text, { lineCounter });
    }
    const node = nodeAt(doc, path);
    return node?.range ? at(node.range[0]) : at(offsets.top);
  };
  const out: ManifestParseResult = { objects: [], problems: [] };
  addDocument(value, locate, out, 'the JSON document');
  return out;
}
