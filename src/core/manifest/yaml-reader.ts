// The one YAML reader: text to documents and their values, every problem one plain sentence at an offset (manifest files and the legacy ConfigMap's embedded config alike).
import { isAlias, isMap, isSeq, LineCounter, parseAllDocuments, visit, type Document, type YAMLError } from 'yaml';

/** A problem in YAML text, at an offset into it; the message starts with `YAML: `. */
export interface YamlProblem {
  message: string;
  offset: number;
}

/** One document of a stream: its value, or the problems that keep it from being read (then `value` is undefined). */
export interface YamlDocument {
  doc: Document.Parsed;
  value: unknown;
  problems: YamlProblem[];
}

export interface YamlStream {
  documents: YamlDocument[];
  /** Problems of a stream with no document (e.g. a stray document end marker). */
  problems: YamlProblem[];
}

/**
 * Reads every document of `text`. Keys must be unique and scalar (as in JSON, which Kubernetes objects
 * are), the parser is strict, and the library never writes to stderr: a warning it would print (a
 * collection as a mapping key) is a located problem instead. A document with a problem has no value;
 * the others are read.
 */
export function readYamlStream(text: string, lineCounter: LineCounter): YamlStream {
  // logLevel 'error': the library's warnings (printed through process.emitWarning) are found and said here instead.
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  if ('empty' in docs) return { documents: [], problems: rootCauses(docs.errors, lineOf, 0) };
  const documents = docs.map((doc): YamlDocument => {
    const start = doc.contents?.range[0] ?? doc.range[0];
    if (doc.errors.length > 0) return { doc, value: undefined, problems: rootCauses(doc.errors, lineOf, start) };
    try {
      const keys = collectionKeys(doc, text);
      if (keys.length > 0) return { doc, value: undefined, problems: keys };
      return { doc, value: doc.toJS({ maxAliasCount: 1000 }), problems: [] };
    } catch (e) {
      // Both the walk and toJS recurse: a stack overflow there is a nesting too deep to read.
      const message = e instanceof RangeError ? TOO_DEEP : oneLine((e as Error).message);
      return { doc, value: undefined, problems: [{ message: `YAML: ${message}`, offset: doc.range[0] }] };
    }
  });
  return { documents, problems: [] };
}

/** What a stack overflow in the parser means to the person who wrote the file. */
const TOO_DEEP = 'nested too deeply to read (lists or mappings inside each other hundreds of levels deep)';

/**
 * Mapping keys that are lists or mappings (`? [a, b]`, `{a: 1}: x`, or an alias to one). A Kubernetes
 * object is JSON, whose keys are text: kubectl refuses such a document, and a JavaScript object could only
 * hold the key as text (the library warns about that on stderr). Each is one problem at the key.
 */
function collectionKeys(doc: Document.Parsed, text: string): YamlProblem[] {
  const out: YamlProblem[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (!isMap(key) && !isSeq(key)) return;
      const range = (pair.key as { range?: [number, number, number] | null }).range;
      const offset = range ? range[0] : doc.range[0];
      const written = range ? text.slice(range[0], range[1]).replace(/\s+/g, ' ').trim() : '';
      const shown = written.length > 40 ? `${written.slice(0, 37)}...` : written;
      out.push({ message: `YAML: the mapping key ${shown} is a ${isMap(key) ? 'mapping' : 'list'}; keys must be text (as in JSON), so this document is not read`, offset });
    },
  });
  return out;
}

/**
 * The errors of one document worth showing, root cause first. A tab used as indentation makes the parser
 * misread the lines after it, and every misreading is an error of its own: when a document has tabs in
 * its indentation, that is the one message (naming every line with a tab); the rest follow from it. A stack
 * overflow in the parser is a nesting too deep to read.
 */
function rootCauses(errors: readonly YAMLError[], lineOf: (offset: number) => number, docStart: number): YamlProblem[] {
  const tabs = errors.filter((e) => e.code === 'TAB_AS_INDENT');
  if (tabs.length > 0) {
    const lines = [...new Set(tabs.map((e) => lineOf(e.pos[0])))];
    const others = lines.length > 1 ? ` (lines ${lines.join(', ')})` : '';
    return [{ message: `YAML: a tab is used as indentation${others}; YAML indents with spaces only`, offset: tabs[0]!.pos[0] }];
  }
  const out: YamlProblem[] = [];
  let tooDeep = false;
  for (const e of errors) {
    // Where (and how often) the parser ran out of stack depends on the stack's size: the document it happened in does not.
    if (e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)) {
      if (!tooDeep) out.push({ message: `YAML: ${TOO_DEEP}`, offset: docStart });
      tooDeep = true;
    } else {
      out.push({ message: `YAML: ${oneLine(e.message)}`, offset: e.pos[0] });
    }
  }
  return out;
}

function oneLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

/**
 * Kubernetes refuses a ConfigMap whose data is larger than 1 MiB, so a larger string field was never
 * applied; it is not parsed either (YAML costs the parser about a hundred times its size in memory).
 */
export const MAX_EMBEDDED_YAML = 1024 * 1024;

/**
 * Reads the YAML document held in the string field `field` (the legacy ConfigMap's `data.config`) with
 * the same reader and messages as a manifest file; each problem names the field and where in it. A
 * second document is a problem: MetalLB (Go's YAML decoder) would silently read only the first. `value`
 * is undefined when the document cannot be read.
 */
export function readEmbeddedYaml(text: string, field: string): { value: unknown; problems: string[] } {
  if (text.length > MAX_EMBEDDED_YAML) {
    const mib = (text.length / 2 ** 20).toFixed(1);
    return { value: undefined, problems: [`${field} is ${mib} MiB, more than the 1 MiB Kubernetes holds in a ConfigMap: it cannot have been applied, and is not read`] };
  }
  const lineCounter = new LineCounter();
  const stream = readYamlStream(text, lineCounter);
  const where = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${field} line ${line}, column ${col}`;
  };
  const problems = stream.problems.map((p) => `${where(p.offset)}: ${p.message}`);
  const [first, ...others] = stream.documents;
  if (first) problems.push(...first.problems.map((p) => `${where(p.offset)}: ${p.message}`));
  if (others.length > 0) problems.push(`${where(others[0]!.doc.range[0])}: a second YAML document; ${field} is one document (MetalLB would ignore all but the first)`);
  return { value: problems.length > 0 ? undefined : first?.value, problems };
}
