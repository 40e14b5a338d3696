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

export function pathText(path: FieldPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/**
 * Reads fields of one raw object. Wrong types are recorded as `invalid-manifest` problems at the
 * field's location and a fallback is returned, so one decoder pass reports every problem of an object.
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

  string(path: FieldPath): string | null {
    const v = this.get(path);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      this.wrong(path, 'a string', v);
      return null;
    }
    return v;
  }

  requiredString(path: FieldPath): string | null {
    const v = this.get(path);
    if (v === undefined || v === null || v === '') {
      this.problem(path, `${pathText(path)} is required`);
      return null;
    }
    return this.string(path);
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
    const v = this.get(path);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.wrong(path, 'a whole number', v);
      return null;
    }
    return v;
  }

  object(path: FieldPath): Record<string, unknown> | null {
    const v = this.get(path);
    if (v === undefined || v === null) return null;
    if (!isObject(v)) {
      this.wrong(path, 'a mapping', v);
      return null;
    }
    return v;
  }

  list(path: FieldPath): unknown[] {
    const v = this.get(path);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.wrong(path, 'a list', v);
      return [];
    }
    return v;
  }

  stringList(path: FieldPath): string[] {
    const out: string[] = [];
    this.list(path).forEach((_, i) => {
      const s = this.string([...path, i]);
      if (s !== null) out.push(s);
    });
    return out;
  }

  /** A map of strings (labels, annotations, selectors); non-string values are problems. */
  stringMap(path: FieldPath): Record<string, string> {
    const obj = this.object(path);
    const out: Record<string, string> = {};
    if (!obj) return out;
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'string') out[k] = v;
      else if (v !== null && v !== undefined) this.wrong([...path, k], 'a string', v);
    }
    return out;
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
    const name = this.requiredString(['metadata', 'name']);
    const namespace = this.string(['metadata', 'namespace']) ?? defaultNamespace ?? '';
    if (name !== null) this.ref = namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
    const labels = this.stringMap(['metadata', 'labels']);
    const annotations = this.stringMap(['metadata', 'annotations']);
    const uid = this.string(['metadata', 'uid']);
    const ts = this.get(['metadata', 'creationTimestamp']);
    const creationTimestamp = typeof ts === 'string' ? ts : ts instanceof Date ? ts.toISOString() : null;
    if (name === null) return null;
    return { name, namespace, labels, annotations, uid, creationTimestamp };
  }
}
