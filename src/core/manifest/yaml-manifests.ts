// Multi-document YAML text to located objects: every syntax problem is reported with line:col and the other documents are kept.
import { isCollection, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { SourceLocation } from '../model/types.ts';
import type { FieldPath, Locator, ManifestParseResult } from './located.ts';
import { addDocument } from './list.ts';

/** The node written at `path`, or its closest written ancestor. */
export function nodeAt(doc: Document, path: FieldPath): Node | null {
  // Walk down as far as the path exists, so a missing field points at its closest written parent.
  let node: unknown = doc.contents;
  let found: Node | null = (doc.contents as Node | null) ?? null;
  for (const key of path) {
    if (!isCollection(node)) break;
    const next = node.get(key, true) as unknown;
    if (next === undefined || next === null) {
      // A present key with a null value has no node; point at the key itself.
      const pair = (node.items as Array<{ key?: { value?: unknown; range?: unknown } }>).find(
        (p) => p && typeof p === 'object' && 'key' in p && (p.key as { value?: unknown } | undefined)?.value === key,
      );
      if (pair?.key && (pair.key as Node).range) found = pair.key as Node;
      break;
    }
    node = next;
    if ((next as Node).range) found = next as Node;
  }
  return found;
}

/** Parses YAML (or JSON, which is YAML) text; `file` is only used in locations. */
export function parseYamlManifests(text: string, file: string): ManifestParseResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const out: ManifestParseResult = { objects: [], problems: [] };
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const list = 'empty' in docs ? [] : docs;
  if ('empty' in docs) {
    // An empty stream can still carry errors (e.g. a stray document end marker).
    for (const e of docs.errors) out.problems.push({ code: 'invalid-manifest', message: `YAML: ${oneLine(e.message)}`, object: null, location: at(e.pos[0]) });
  }
  list.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        out.problems.push({ code: 'invalid-manifest', message: `YAML: ${oneLine(e.message)}`, object: null, location: at(e.pos[0]) });
      }
      return; // a document with a syntax error is skipped as a whole; the others are still read
    }
    const locate: Locator = (path) => {
      const node = nodeAt(doc, path);
      return node?.range ? at(node.range[0]) : at(doc.range[0]);
    };
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      out.problems.push({ code: 'invalid-manifest', message: `YAML: ${oneLine((e as Error).message)}`, object: null, location: at(doc.range[0]) });
      return;
    }
    addDocument(value, locate, out, `document ${i + 1}`);
  });
  return out;
}

function oneLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
