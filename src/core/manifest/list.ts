// Expands `kind: List` (what `kubectl get -o yaml` prints) and typed lists (ServiceList, ...) into their items.
import type { FieldPath, LocatedObject, Locator, ManifestParseResult } from './located.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Appends the objects a document holds to `out`: the document itself, or the items of a list. Items
 * of a typed list from the API (`ServiceList`) carry no kind or apiVersion; they inherit them.
 */
export function expandLists(raw: Record<string, unknown>, locate: Locator, out: ManifestParseResult): void {
  const kind = typeof raw['kind'] === 'string' ? raw['kind'] : '';
  if (!kind.endsWith('List') || !Array.isArray(raw['items'])) {
    out.objects.push({ raw, locate });
    return;
  }
  const itemKind = kind === 'List' ? null : kind.slice(0, -'List'.length);
  raw['items'].forEach((item: unknown, i: number) => {
    const itemLocate: Locator = (path: FieldPath) => locate(['items', i, ...path]);
    if (!isObject(item)) {
      out.problems.push({
        code: 'invalid-manifest',
        message: `items[${i}] of the ${kind} is not an object`,
        object: null,
        location: itemLocate([]),
      });
      return;
    }
    let obj = item;
    if (itemKind !== null && obj['kind'] === undefined) obj = { apiVersion: raw['apiVersion'], kind: itemKind, ...obj };
    expandLists(obj, itemLocate, out);
  });
}

/** Wraps one parsed document: lists are expanded, anything that is not an object is a problem. */
export function addDocument(value: unknown, locate: Locator, out: ManifestParseResult, what: string): void {
  if (value === null || value === undefined) return;
  if (!isObject(value)) {
    out.problems.push({
      code: 'invalid-manifest',
      message: `${what} is not a Kubernetes object (expected a mapping with apiVersion and kind)`,
      object: null,
      location: locate([]),
    });
    return;
  }
  expandLists(value, locate, out);
}

export type { LocatedObject };
