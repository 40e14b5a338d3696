// Multi-document YAML text to located objects: every syntax problem is reported with line:col and the other documents are kept.
import { isCollection, LineCounter, type Document, type Node } from 'yaml';
import type { SourceLocation } from '../model/types.ts';
import type { FieldPath, Locator, ManifestParseResult } from './located.ts';
import { addDocument } from './list.ts';
import { readYamlStream, type YamlProblem } from './yaml-reader.ts';

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
  const stream = readYamlStream(text, lineCounter);
  const out: ManifestParseResult = { objects: [], problems: [] };
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  const report = (problems: YamlProblem[]) => {
    for (const p of problems) out.problems.push({ code: 'invalid-manifest', message: p.message, object: null, location: at(p.offset) });
  };
  report(stream.problems);
  stream.documents.forEach(({ doc, value, problems }, i) => {
    // A document with a problem is skipped as a whole; the others are still read.
    if (problems.length > 0) return report(problems);
    const locate: Locator = (path) => {
      const node = nodeAt(doc, path);
      return node?.range ? at(node.range[0]) : at(doc.range[0]);
    };
    addDocument(value, locate, out, `document ${i + 1}`);
  });
  return out;
}
