// The order of services in reports: by `namespace/name` as `<` compares that key text, found without building the key text.
import type { Service } from '../model/types.ts';
import type { ServiceRecord } from './ledger-view.ts';

/**
 * Compares two namespaces as their keys' prefixes `namespace/` compare: when one namespace begins the
 * other, the shorter one is followed by "/" in its key, which sorts after "-" and before digits and letters.
 */
export function compareNamespaces(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  if (a.length === b.length) return 0;
  const SLASH = 47;
  return a.length < b.length ? SLASH - b.charCodeAt(n) : a.charCodeAt(n) - SLASH;
}

/** Positions in key order, and whether some key is given more than once. */
export interface KeyOrder {
  order: number[];
  repeated: boolean;
}

/**
 * Key order of services given as columns: each one's namespace as an id (an index into `namespaces`, one
 * id per distinct namespace) and its name. Stable (equal keys keep the order given). Grouping by namespace
 * first keeps the comparisons to short names: sorting by the joined key text measured about twice as slow.
 * A repeated key is noticed on the way: a comparison sort compares every pair that ends up side by side.
 */
export function keyOrderOf(namespaceIds: ArrayLike<number>, namespaces: readonly string[], names: readonly string[]): KeyOrder {
  const n = names.length;
  const sorted = inKeyOrder(namespaceIds, namespaces, names);
  if (sorted !== null) return { order: Array.from({ length: n }, (_, i) => i), repeated: sorted.repeated };
  const groups: number[][] = namespaces.map(() => []);
  for (let i = 0; i < n; i++) groups[namespaceIds[i]!]!.push(i);
  let repeated = false;
  const byName = (a: number, b: number): number => {
    const x = names[a]!;
    const y = names[b]!;
    if (x < y) return -1;
    if (x > y) return 1;
    repeated = true;
    return 0;
  };
  const ids = namespaces.map((_, id) => id).sort((a, b) => compareNamespaces(namespaces[a]!, namespaces[b]!));
  const order = new Array<number>(n);
  let at = 0;
  for (const id of ids) {
    const group = groups[id]!.sort(byName);
    for (let i = 0; i < group.length; i++) order[at++] = group[i]!;
  }
  return { order, repeated };
}

/** Key order of services (see keyOrderOf). */
export function keyOrder(services: readonly Pick<Service, 'namespace' | 'name'>[]): KeyOrder {
  const ids = new Map<string, number>();
  const namespaceIds = new Int32Array(services.length);
  const names = new Array<string>(services.length);
  for (let i = 0; i < services.length; i++) {
    const s = services[i]!;
    let id = ids.get(s.namespace);
    if (id === undefined) ids.set(s.namespace, (id = ids.size));
    namespaceIds[i] = id;
    names[i] = s.name;
  }
  return keyOrderOf(namespaceIds, [...ids.keys()], names);
}

/**
 * When the services are in key order already, as an API list or `kubectl get -o json` gives them: whether
 * a key repeats. Null at the first one out of order.
 */
function inKeyOrder(namespaceIds: ArrayLike<number>, namespaces: readonly string[], names: readonly string[]): { repeated: boolean } | null {
  let repeated = false;
  for (let i = 1; i < names.length; i++) {
    const a = namespaceIds[i - 1]!;
    const b = namespaceIds[i]!;
    const ns = a === b ? 0 : compareNamespaces(namespaces[a]!, namespaces[b]!);
    if (ns > 0) return null;
    if (ns === 0) {
      const x = names[i - 1]!;
      const y = names[i]!;
      if (x > y) return null;
      if (x === y) repeated = true;
    }
  }
  return { repeated };
}

/** The records in key order (see keyOrderOf). */
export function sortByKey(records: Iterable<ServiceRecord>): ServiceRecord[] {
  const all = [...records];
  return keyOrder(all).order.map((i) => all[i]!);
}
