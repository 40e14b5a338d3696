// Expands `kind: List` (what `kubectl get -o yaml` prints) and typed lists (ServiceList, ...) into their items.
import type { FieldPath, LocatedObject, Locator, ManifestParseResult } from './located.ts';

/** Locates the fields of a list's item `index`; a parser that already knows where items start can do better than this default. */
export type ItemLocators = (index: number) => Locator;

/** The default: item `index`'s field `path` is the list's field `['items', index, ...path]`. */
function itemsBelow(locate: Locator): ItemLocators {
  return (index) => (path: FieldPath) => locate(['items', index, ...path]);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Appends the objects a document holds to `out`: the document itself, or the items of a list. Items
 * of a typed list from the API (`ServiceList`) carry no kind or apiVersion; they inherit them.
 */
export function expandLists(raw: Record<string, unknown>, locate: Locator, out: ManifestParseResult, itemLocators: ItemLocators = itemsBelow(locate)): void {
  const kind = typeof raw['kind'] === 'string' ? raw['kind'] : '';
  if (!kind.endsWith('List') || !Array.isArray(raw['items'])) {
    out.objects.push({ raw, locate });
    return;
  }
  const itemKind = kind === 'List' ? null : kind.slice(0, -'List'.length);
  const items = raw['items'];
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    const itemLocate = itemLocators(i);
    if (!isObject(item)) {
      out.problems.push({
        code: 'invalid-manifest',
        message: `items[${i}] of the ${kind} is not an object`,
        object: null,
        location: itemLocate([]),
      });
      continue;
    }
    let obj = item;
    if (itemKind !== null && obj['kind'] === undefined) obj = { apiVersion: raw['apiVersion'], kind: itemKind, ...obj };
    expandLists(obj, itemLocate, out);
  }
}

/** Wraps one parsed document: lists are expanded, anything that is not an object is a problem. */
export function addDocument(value: unknown, locate: Locator, out: ManifestParseResult, what: string, itemLocators?: ItemLocators): void {
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
  expandLists(value, locate, out, itemLocators);
}

export type { LocatedObject };
