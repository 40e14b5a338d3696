// JSON lists read fast (item starts in one pass, fields by a short scan, items parsed one by one) give the same objects and locations as an eager walk and a whole parse; broken lists keep their complete items.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrayBounds } from '../../../src/core/manifest/json-cursor.ts';
import { readJsonDocument, readListItems } from '../../../src/core/manifest/json-manifests.ts';
import type { LocatedObject } from '../../../src/core/manifest/located.ts';
import { snapshotFromTexts } from '../../../src/core/manifest/snapshot.ts';
import { parseManifestText, type FieldPath } from '../../../src/core/manifest/parse.ts';
import { Rng } from '../../../src/core/lab/rng.ts';

/** A seeded generator, so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/** Strings that trip a careless scanner: quotes, backslashes before quotes, brackets, line breaks, non-ASCII. */
const TRICKY = ['plain', 'say "hi"', 'ends with a backslash \\', '\\"', '{[', ']}', ',', 'line\nbreak', 'crlf\r\n', 'tab\there', 'é', '名前', '😀 emoji', '\u2028', ''];

/** Writes `value` as JSON with random whitespace (spaces, tabs, LF and CRLF) between tokens. */
function write(value: unknown, rand: () => number): string {
  const gaps = ['', ' ', '\n', '\r\n', '\t', '  \r\n    ', '\n\n'];
  const gap = () => gaps[Math.floor(rand() * gaps.length)]!;
  if (Array.isArray(value)) return `[${gap()}${value.map((v) => write(v, rand)).join(`${gap()},${gap()}`)}${gap()}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${gap()}:${gap()}${write(v, rand)}`);
    return `{${gap()}${fields.join(`${gap()},${gap()}`)}${gap()}}`;
  }
  // Escape non-ASCII sometimes, so `\u` escapes and raw characters both occur.
  const json = JSON.stringify(value);
  return typeof value === 'string' && rand() < 0.3 ? json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}

function randomValue(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth > 3 || r < 0.35) return TRICKY[Math.floor(rand() * TRICKY.length)];
  if (r < 0.45) return Math.floor(rand() * 2000) - 1000;
  if (r < 0.5) return [true, false, null, 1.5e3][Math.floor(rand() * 4)];
  if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 4); i > 0; i--) obj[TRICKY[Math.floor(rand() * TRICKY.length)]!] = randomValue(rand, depth + 1);
  return obj;
}

function randomItem(rand: () => number, depth: number): unknown {
  const r = rand();
  if (r < 0.05) return TRICKY[Math.floor(rand() * TRICKY.length)]; // not an object: reported at its start
  if (r < 0.15 && depth < 2) return { apiVersion: 'v1', kind: 'List', items: Array.from({ length: Math.floor(rand() * 3) }, () => randomItem(rand, depth + 1)) };
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: `s"${Math.floor(rand() * 100)}`, annotations: randomValue(rand, 2) }, spec: randomValue(rand, 1) };
}

/**
 * The reference: a recursive walk of the whole text recording where every value starts, by path, and
 * line:col by counting every line break before it. Slow and simple on purpose.
 */
function eagerPositions(text: string): Map<string, { line: number; col: number }> {
  const starts = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (' \t\r\n'.includes(text[i]!) && i < text.length) i++;
  };
  const str = (): string => {
    const start = i;
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: FieldPath): void => {
    ws();
    const key = JSON.stringify(path);
    if (!starts.has(key)) starts.set(key, i); // JSON.parse keeps the last duplicate key; the locator names the first
    if (text[i] === '{') {
      i++;
      ws();
      while (text[i] !== '}') {
        const k = str();
        ws();
        i++; // colon
        value([...path, k]);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (text[i] === '[') {
      i++;
      ws();
      for (let n = 0; text[i] !== ']'; n++) {
        value([...path, n]);
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
    } else if (text[i] === '"') str();
    else while (i < text.length && !',]} \t\r\n'.includes(text[i]!)) i++;
  };
  value([]);
  const out = new Map<string, { line: number; col: number }>();
  for (const [k, offset] of starts) {
    const before = text.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    out.set(k, { line: before.split('\n').length, col: offset - lineStart + 1 });
  }
  return out;
}

/** Every path below `value`, and one missing field below each object (which locates at the object). */
function pathsOf(value: unknown, path: FieldPath, out: FieldPath[]): FieldPath[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
    out.push([...path, 'no such field']);
  }
  return out;
}

/** Where the reference puts `path`: the value, or its closest written ancestor. */
function expected(eager: Map<string, { line: number; col: number }>, path: FieldPath): { line: number; col: number } {
  for (let n = path.length; n >= 0; n--) {
    const hit = eager.get(JSON.stringify(path.slice(0, n)));
    if (hit) return hit;
  }
  throw new Error('the document itself is always located');
}

test('arrayBounds finds each item of a list, whatever its strings hold', () => {
  const pieces = (text: string) => {
    const bounds: number[] = [];
    const close = arrayBounds(text, 0, bounds);
    return { close, pieces: bounds.slice(1).map((b, k) => text.slice(bounds[k]! + 1, b).trim()) };
  };
  const text = '[ "a\\"]" ,{"k":"\\\\"},\r\n[1,[2]] ,3,\t"}" ]';
  assert.deepEqual(pieces(text), { close: text.length - 1, pieces: ['"a\\"]"', '{"k":"\\\\"}', '[1,[2]]', '3', '"}"'] });
  assert.deepEqual(pieces('[]'), { close: 1, pieces: [''] });
  assert.deepEqual(pieces('[1,{"a":[2'), { close: -1, pieces: ['1'] }, 'cut off: the complete pieces, and no end');
});

function randomDocument(seed: number): { doc: { items: unknown[] }; text: string } {
  const rand = prng(seed);
  const doc = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '"]' }, items: Array.from({ length: 1 + Math.floor(rand() * 6) }, () => randomItem(rand, 0)) };
  return { doc, text: write(doc, rand) };
}

test('every field of every item is located where an eager walk of the text puts it (random documents)', () => {
  for (let seed = 1; seed <= 150; seed++) {
    const { doc, text } = randomDocument(seed);
    const eager = eagerPositions(text);
    const { objects, problems } = parseManifestText(text, 'f.json');
    // Each located object is a top-level item or an item of a nested List; find its path by identity.
    const itemPaths = new Map<unknown, FieldPath>();
    const walk = (list: unknown[], path: FieldPath) =>
      list.forEach((item, i) => {
        const at = [...path, 'items', i];
        const nested = item as { kind?: unknown; items?: unknown };
        if (nested !== null && typeof nested === 'object' && nested.kind === 'List' && Array.isArray(nested.items)) walk(nested.items, at);
        else itemPaths.set(item, at);
      });
    walk(doc.items, []);
    // parseManifestText parses the text again, so match the items by position in document order.
    const inOrder = [...itemPaths.entries()].filter(([item]) => item !== null && typeof item === 'object');
    assert.equal(objects.length, inOrder.length, `seed ${seed}: objects`);
    objects.forEach((o, n) => {
      const [item, at] = inOrder[n]!;
      assert.deepEqual(o.raw, item, `seed ${seed}: item ${n}`);
      for (const path of pathsOf(item, [], [])) {
        const want = expected(eager, [...at, ...path]);
        assert.deepEqual(o.locate(path), { file: 'f.json', ...want }, `seed ${seed}: ${JSON.stringify([...at, ...path])}`);
      }
    });
    // Items that are not objects are problems located at the item.
    const notObjects = [...itemPaths.entries()].filter(([item]) => item === null || typeof item !== 'object');
    assert.deepEqual(
      problems.map((p) => p.location),
      notObjects.map(([, at]) => ({ file: 'f.json', ...expected(eager, at) })),
      `seed ${seed}: problems`,
    );
  }
});

test('a list read item by item gives the objects, locations and problems of the whole parse (random documents)', () => {
  for (let seed = 1; seed <= 150; seed++) {
    const { text } = randomDocument(seed);
    const whole: LocatedObject[] = [];
    const wholeProblems = readJsonDocument(text, 'f.json', (o) => whole.push(o));
    const objects: LocatedObject[] = [];
    const problems = readListItems(text, 'f.json', (o) => objects.push(o));
    assert.deepEqual(problems, wholeProblems, `seed ${seed}: problems`);
    assert.equal(objects.length, whole.length, `seed ${seed}: objects`);
    objects.forEach((o, n) => {
      const w = whole[n]!;
      assert.deepEqual(o.raw, w.raw, `seed ${seed}: item ${n}`);
      for (const path of pathsOf(w.raw, [], [])) assert.deepEqual(o.locate(path), w.locate(path), `seed ${seed}: item ${n} ${JSON.stringify(path)}`);
    });
  }
});

test('a text that cannot be read as a list item by item is read as one document', () => {
  const ns = (name: string) => `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"${name}"}}`;
  const oneDocument = [
    ['a second items key (JSON.parse keeps the last)', `{"kind":"List","items":[${ns('a')}],"items":[]}`],
    ['a second, empty items key written with an escape', `{"kind":"List","items":[${ns('a')}],"\\u0069tems":[]}`],
    ['not a list kind', `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"a"},"items":[${ns('b')}]}`],
    ['a top-level array', `[${ns('a')}]`],
  ];
  for (const [what, text] of oneDocument) assert.equal(readListItems(text!, 'f.json', () => assert.fail(what)), null, what);
  for (const second of ['items', '\\u0069tems']) {
    const text = `{"apiVersion":"v1","kind":"List","items":[${ns('a')}],"${second}":[${ns('b')}]}`;
    assert.deepEqual(snapshotFromTexts([{ file: 'f.json', text }]).namespaces.map((n) => n.name), ['b'], 'the last items key wins, as in JSON.parse');
  }
  assert.deepEqual(snapshotFromTexts([{ file: 'f.json', text: '{"kind":"List","items":[ ]}' }]), snapshotFromTexts([{ file: 'f.json', text: '' }]), 'an empty list holds nothing');
  // A typed list lends its kind; a byte order mark is not counted in columns.
  const body = '{"apiVersion":"v1","kind":"NamespaceList","items":[ {"metadata":{"name":"a"}}, 7 ]}';
  const snapshot = snapshotFromTexts([{ file: 'f.json', text: `\ufeff${body}` }]);
  assert.deepEqual(snapshot.namespaces.map((n) => [n.name, n.location]), [['a', { file: 'f.json', line: 1, col: body.indexOf('{"metadata"') + 1 }]]);
  assert.deepEqual(snapshot.problems.map((p) => [p.message, p.location]), [['items[1] of the NamespaceList is not an object', { file: 'f.json', line: 1, col: body.indexOf('7') + 1 }]]);
});

test('a broken item of a JSON list is one located problem; every other item is read', () => {
  const ns = (name: string) => `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"${name}"}}`;
  const cases: Array<[string, string, string[], RegExp, string]> = [
    ['a trailing comma', `{"kind":"List","items":[${ns('a')},\n]}`, ['a'], /^items\[1\] of the List is empty/, '2:1'],
    ['an empty item', `{"kind":"List","items":[${ns('a')},,${ns('b')}]}`, ['a', 'b'], /^items\[1\] of the List is empty/, `1:${26 + ns('a').length}`],
    ['a missing comma', `{"kind":"List","items":[${ns('a')},\n${ns('b')} ${ns('c')},${ns('d')}]}`, ['a', 'd'], /^items\[1\] of the List is not valid JSON: Unexpected non-whitespace character after JSON$/, `2:${ns('b').length + 2}`],
    ['a raw control character in a string', `{"kind":"List","items":[\n${ns('a\u0001')},${ns('b')}]}`, ['b'], /^items\[0\] of the List is not valid JSON: Bad control character in string literal$/, '2:60'],
  ];
  for (const [what, text, names, message, where] of cases) {
    const snapshot = snapshotFromTexts([{ file: 'f.json', text }]);
    assert.deepEqual(snapshot.namespaces.map((n) => n.name), names, what);
    assert.equal(snapshot.problems.length, 1, what);
    const [p] = snapshot.problems;
    assert.match(p!.message, message, what);
    assert.equal(`${p!.location!.line}:${p!.location!.col}`, where, what);
  }
});

test('a kubectl List cut off part way keeps every complete item and says where it ends', () => {
  // kubectl writes `items` before `kind`, so a cut-off dump has lost its kind: the reader assumes List.
  const dump = JSON.stringify({ apiVersion: 'v1', items: [0, 1, 2].map((i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `n${i}` } })), kind: 'List', metadata: { resourceVersion: '' } }, null, 4);
  const lines = dump.split('\n');
  const third = dump.indexOf('"n2"');
  for (const [cut, names, message] of [
    [third, ['n0', 'n1'], /^the text ends inside items\[2\] of the List \(cut off\?\); the items before it are read$/],
    [dump.indexOf('],') + 0, ['n0', 'n1', 'n2'], /^the text ends before the List is closed/],
    [dump.indexOf('"kind": "List"') + 5, ['n0', 'n1', 'n2'], /^the text ends before the List is closed/],
  ] as const) {
    const text = dump.slice(0, cut);
    const snapshot = snapshotFromTexts([{ file: 'cut.json', text }]);
    assert.deepEqual(snapshot.namespaces.map((n) => n.name), names, `cut at ${cut}`);
    assert.equal(snapshot.problems.length, 1, `cut at ${cut}`);
    assert.equal(snapshot.problems[0]!.code, 'invalid-manifest');
    assert.match(snapshot.problems[0]!.message, message);
    const loc = snapshot.problems[0]!.location!;
    if (names.length === 2) assert.equal(lines[loc.line - 1]!.slice(loc.col - 1), '{', 'located at the start of the broken item');
    else assert.deepEqual([loc.line, loc.col], [text.split('\n').length, text.split('\n').at(-1)!.length + 1], 'located at the end of the text');
  }
});
