// The order of service records in reports: by `namespace/name`, as `<` compares the key text, sorted without building a key per comparison.
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

function byName(a: ServiceRecord, b: ServiceRecord): number {
  const x = a.service.name;
  const y = b.service.name;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The records sorted by key, stably (equal keys keep the order given). Grouping by namespace first keeps
 * the comparisons to short names: sorting by the joined key text measured about twice as slow.
 */
export function sortByKey(records: Iterable<ServiceRecord>): ServiceRecord[] {
  const groups = new Map<string, ServiceRecord[]>();
  for (const rec of records) {
    const ns = rec.service.namespace;
    const group = groups.get(ns);
    if (group) group.push(rec);
    else groups.set(ns, [rec]);
  }
  const out: ServiceRecord[] = [];
  for (const ns of [...groups.keys()].sort(compareNamespaces)) {
    const group = groups.get(ns)!.sort(byName);
    for (let i = 0; i < group.length; i++) out.push(group[i]!);
  }
  return out;
}
