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
  const items = raw['items'];
  if (!isList(raw) || !Array.isArray(items)) {
    out.objects.push({ raw, locate });
    return;
  }
  // Item i's field `path` is the list's field `['items', i, ...path]`.
  for (let i = 0; i < items.length; i++) expandItem(raw, i, items[i], (path: FieldPath) => locate(['items', i, ...path]), out);
}

/** Whether an object is a list kind (`List`, `ServiceList`, ...), whose items are the objects. */
export function isList(raw: Record<string, unknown>): boolean {
  return typeof raw['kind'] === 'string' && raw['kind'].endsWith('List');
}

/** Appends what item `index` of `list` holds: the item (with the kind of a typed list), its own items, or a problem. */
export function expandItem(list: Record<string, unknown>, index: number, item: unknown, locate: Locator, out: ManifestParseResult): void {
  const kind = list['kind'] as string;
  if (!isObject(item)) {
    out.problems.push({
      code: 'invalid-manifest',
      message: `items[${index}] of the ${kind} is not an object`,
      object: null,
      location: locate([]),
    });
    return;
  }
  let obj = item;
  if (kind !== 'List' && obj['kind'] === undefined) obj = { apiVersion: list['apiVersion'], kind: kind.slice(0, -'List'.length), ...obj };
  expandLists(obj, locate, out);
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
