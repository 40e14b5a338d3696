// Typed field access on raw objects for the decoders: each wrong type becomes a located problem instead of an exception.
import type { FieldPath, Locator } from '../../manifest/located.ts';
import type { InputProblem, LabelSelector, LabelSelectorRequirement, SourceLocation } from '../types.ts';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * The array at its exact length. One grown by push keeps room for 16 more, and a model of 100,000
 * services holds several small arrays each: the slack alone is megabytes the collector copies.
 */
export function exactLength<T>(items: T[]): T[] {
  return items.length === 0 ? [] : items.slice();
}

/**
 * What `read` gives for each entry of `list` (null leaves it out), at the exact length. A Service's lists
 * nearly always hold one entry: that one becomes a literal, not an array grown by push and then copied.
 */
export function entriesOf<E, T>(list: readonly E[], read: (entry: E, i: number) => T | null): T[] {
  if (list.length === 1) {
    const only = read(list[0]!, 0);
    return only === null ? [] : [only];
  }
  const out: T[] = [];
  for (let i = 0; i < list.length; i++) {
    const value = read(list[i]!, i);
    if (value !== null) out.push(value);
  }
  return exactLength(out);
}

/**
 * The paths of a list's entries, each made once (every entry's fields are read with its path, though only a
 * problem names it). Past the first few, a path is made at each call rather than kept.
 */
export function entryPaths(list: FieldPath): (i: number) => FieldPath {
  const made: FieldPath[] = [];
  return (i) => (i < 16 ? (made[i] ??= [...list, i]) : [...list, i]);
}

export function pathText(path: FieldPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/** The path of field `key` below `at` (just `at` without a key); built only when a problem names it. */
function below(at: FieldPath, key?: string | number): FieldPath {
  return key === undefined ? at : [...at, key];
}

const METADATA: FieldPath = ['metadata'];

/**
 * The map every absent or empty one is (most services have no labels or no selector): a model kept for
 * every service holds one object less each. Frozen, so a stray write fails loudly instead of changing all.
 */
const NO_ENTRIES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Reads fields of one raw object. Wrong types are recorded as `invalid-manifest` problems at the
 * field's location and a fallback is returned, so one decoder pass reports every problem of an object.
 *
 * Each reading comes in two forms: by path from the object's root (`string(['spec', 'type'])`), and as a
 * field of a parent already read (`stringIn(spec, SPEC, 'type')`, where `SPEC` is the parent's path).
 * The second is for the fields every Service has: it neither walks the path again nor builds a path
 * array unless there is a problem to report, which keeps a dump of 100,000 services cheap to decode.
 */
export class FieldReader {
  readonly problems: InputProblem[] = [];

  constructor(
    readonly raw: Record<string, unknown>,
    /** `Kind/namespace/name`, used in problems. */
    public ref: string | null,
    private readonly locator?: Locator,
  ) {}

  locate(path: FieldPath): SourceLocation | null {
    return this.locator ? this.locator(path) : null;
  }

  get(path: FieldPath): unknown {
    let v: unknown = this.raw;
    for (const key of path) {
      if (v === null || v === undefined) return undefined;
      if (typeof key === 'number') v = Array.isArray(v) ? v[key] : undefined;
      else v = isObject(v) ? v[key] : undefined;
    }
    return v;
  }

  problem(path: FieldPath, message: string, code: InputProblem['code'] = 'invalid-manifest'): void {
    this.problems.push({ code, message, object: this.ref, location: this.locate(path) });
  }

  private wrong(path: FieldPath, expected: string, v: unknown): void {
    this.problem(path, `${pathText(path)} must be ${expected}, not ${describe(v)}`);
  }

  // The checks below take the value read and where it was read: field `key` of the value at `at`.

  private checkString(v: unknown, at: FieldPath, key?: string): string | null {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      this.wrong(below(at, key), 'a string', v);
      return null;
    }
    return v;
  }

  private checkRequiredString(v: unknown, at: FieldPath, key?: string): string | null {
    if (v === undefined || v === null || v === '') {
      this.problem(below(at, key), `${pathText(below(at, key))} is required`);
      return null;
    }
    return this.checkString(v, at, key);
  }

  private checkInt(v: unknown, at: FieldPath, key?: string): number | null {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.wrong(below(at, key), 'a whole number', v);
      return null;
    }
    return v;
  }

  private checkObject(v: unknown, at: FieldPath, key?: string): Record<string, unknown> | null {
    if (v === undefined || v === null) return null;
    if (!isObject(v)) {
      this.wrong(below(at, key), 'a mapping', v);
      return null;
    }
    return v;
  }

  private checkList(v: unknown, at: FieldPath, key?: string): unknown[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.wrong(below(at, key), 'a list', v);
      return [];
    }
    return v;
  }

  private checkStringList(v: unknown, at: FieldPath, key?: string): string[] {
    const list = this.checkList(v, at, key);
    // Nearly always every entry is a string: one copy at its exact length, rather than an array grown entry by entry.
    if (list.every((s) => typeof s === 'string')) return exactLength(list as string[]);
    const out: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (typeof s === 'string') out.push(s);
      else if (s !== undefined && s !== null) this.wrong([...below(at, key), i], 'a string', s);
    }
    return out;
  }

  /** A map of strings (labels, annotations, selectors); non-string values are problems. */
  private checkStringMap(v: unknown, at: FieldPath, key?: string): Record<string, string> {
    const obj = this.checkObject(v, at, key);
    if (!obj) return NO_ENTRIES;
    const keys = Object.keys(obj);
    if (keys.length === 0) return NO_ENTRIES;
    const out: Record<string, string> = {};
    for (const k of keys) {
      const value = obj[k];
      if (typeof value === 'string') out[k] = value;
      else if (value !== null && value !== undefined) this.wrong([...below(at, key), k], 'a string', value);
    }
    return out;
  }

  string(path: FieldPath): string | null {
    return this.checkString(this.get(path), path);
  }

  requiredString(path: FieldPath): string | null {
    return this.checkRequiredString(this.get(path), path);
  }

  bool(path: FieldPath, fallback: boolean): boolean {
    const v = this.get(path);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') {
      this.wrong(path, 'true or false', v);
      return fallback;
    }
    return v;
  }

  int(path: FieldPath): number | null {
    return this.checkInt(this.get(path), path);
  }

  object(path: FieldPath): Record<string, unknown> | null {
    return this.checkObject(this.get(path), path);
  }

  list(path: FieldPath): unknown[] {
    return this.checkList(this.get(path), path);
  }

  stringList(path: FieldPath): string[] {
    return this.checkStringList(this.get(path), path);
  }

  stringMap(path: FieldPath): Record<string, string> {
    return this.checkStringMap(this.get(path), path);
  }

  // Field `key` of `parent`, the object at path `at` (null when that object is absent or not a mapping).

  stringIn(parent: Record<string, unknown> | null, at: FieldPath, key: string): string | null {
    return this.checkString(parent?.[key], at, key);
  }

  requiredStringIn(parent: Record<string, unknown> | null, at: FieldPath, key: string): string | null {
    return this.checkRequiredString(parent?.[key], at, key);
  }

  intIn(parent: Record<string, unknown> | null, at: FieldPath, key: string): number | null {
    return this.checkInt(parent?.[key], at, key);
  }

  listIn(parent: Record<string, unknown> | null, at: FieldPath, key: string): unknown[] {
    return this.checkList(parent?.[key], at, key);
  }

  stringListIn(parent: Record<string, unknown> | null, at: FieldPath, key: string): string[] {
    return this.checkStringList(parent?.[key], at, key);
  }

  stringMapIn(parent: Record<string, unknown> | null, at: FieldPath, key: string): Record<string, string> {
    return this.checkStringMap(parent?.[key], at, key);
  }

  labelSelector(path: FieldPath): LabelSelector {
    const matchLabels = this.stringMap([...path, 'matchLabels']);
    const matchExpressions: LabelSelectorRequirement[] = [];
    this.list([...path, 'matchExpressions']).forEach((_, i) => {
      const at = [...path, 'matchExpressions', i];
      const key = this.requiredString([...at, 'key']);
      const operator = this.requiredString([...at, 'operator']);
      const values = this.stringList([...at, 'values']);
      if (key === null || operator === null) return;
      if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist') {
        this.problem([...at, 'operator'], `${pathText([...at, 'operator'])} must be In, NotIn, Exists or DoesNotExist, not ${JSON.stringify(operator)}`);
        return;
      }
      matchExpressions.push({ key, operator, values });
    });
    return { matchLabels, matchExpressions };
  }

  labelSelectors(path: FieldPath): LabelSelector[] {
    return this.list(path).map((_, i) => this.labelSelector([...path, i]));
  }

  /** metadata.name, metadata.namespace (with a default), labels and annotations. */
  metadata(kind: string, defaultNamespace: string | null): { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string>; uid: string | null; creationTimestamp: string | null } | null {
    // metadata itself of a wrong type is not reported: its required name is.
    const m = this.raw['metadata'];
    const meta = isObject(m) ? m : null;
    const name = this.requiredStringIn(meta, METADATA, 'name');
    const namespace = this.stringIn(meta, METADATA, 'namespace') ?? defaultNamespace ?? '';
    if (name !== null) this.ref = namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
    const labels = this.stringMapIn(meta, METADATA, 'labels');
    const annotations = this.stringMapIn(meta, METADATA, 'annotations');
    const uid = this.stringIn(meta, METADATA, 'uid');
    const ts = meta?.['creationTimestamp'];
    const creationTimestamp = typeof ts === 'string' ? ts : ts instanceof Date ? ts.toISOString() : null;
    if (name === null) return null;
    return { name, namespace, labels, annotations, uid, creationTimestamp };
  }
}
