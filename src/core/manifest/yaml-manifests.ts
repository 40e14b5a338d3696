// Multi-document YAML text to located objects: every syntax problem is reported with line:col and the other documents are kept.
import { isCollection, LineCounter, parseAllDocuments, type Document, type Node, type YAMLError } from 'yaml';
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
    for (const e of rootCauses(docs.errors, at, 0)) out.problems.push({ code: 'invalid-manifest', message: e.message, object: null, location: e.location });
  }
  list.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      for (const e of rootCauses(doc.errors, at, doc.contents?.range[0] ?? doc.range[0])) out.problems.push({ code: 'invalid-manifest', message: e.message, object: null, location: e.location });
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
      const message = e instanceof RangeError ? TOO_DEEP : oneLine((e as Error).message);
      out.problems.push({ code: 'invalid-manifest', message: `YAML: ${message}`, object: null, location: at(doc.range[0]) });
      return;
    }
    addDocument(value, locate, out, `document ${i + 1}`);
  });
  return out;
}

/** What a stack overflow in the parser means to the person who wrote the file. */
const TOO_DEEP = 'nested too deeply to read (lists or mappings inside each other hundreds of levels deep)';

/**
 * The errors of one document worth showing, root cause first. A tab used as indentation makes the parser
 * misread the lines after it, and every misreading is an error of its own: when a document has tabs in
 * its indentation, that is the one message (naming every line with a tab); the rest follow from it. A stack
 * overflow in the parser is a nesting too deep to read.
 */
function rootCauses(errors: readonly YAMLError[], at: (offset: number) => SourceLocation, docStart: number): Array<{ message: string; location: SourceLocation }> {
  const tabs = errors.filter((e) => e.code === 'TAB_AS_INDENT');
  if (tabs.length > 0) {
    const locations = tabs.map((e) => at(e.pos[0]));
    const lines = [...new Set(locations.map((l) => l.line))];
    const others = lines.length > 1 ? ` (lines ${lines.join(', ')})` : '';
    return [{ message: `YAML: a tab is used as indentation${others}; YAML indents with spaces only`, location: locations[0]! }];
  }
  const out: Array<{ message: string; location: SourceLocation }> = [];
  let tooDeep = false;
  for (const e of errors) {
    // Where (and how often) the parser ran out of stack depends on the stack's size: the document it happened in does not.
    if (e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)) {
      if (!tooDeep) out.push({ message: `YAML: ${TOO_DEEP}`, location: at(docStart) });
      tooDeep = true;
    } else {
      out.push({ message: `YAML: ${oneLine(e.message)}`, location: at(e.pos[0]) });
    }
  }
  return out;
}

function oneLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}
