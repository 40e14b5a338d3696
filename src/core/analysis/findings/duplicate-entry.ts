// Rule duplicate-entry: an entry listed twice where MetalLB refuses repeats (pool names, communities, peers, namespaces, label selectors, expressions, values).
import type { FieldPath } from '../../manifest/located.ts';
import { pathText } from '../../model/kinds/fields.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding, described, listAt, metallbObjects } from './config-objects.ts';
import { expressionKey, SELECTOR_LISTS, selectorKey, selectorText, STRING_LISTS } from './config-lists.ts';
import type { LedgerRule } from './finding.ts';

/** The index of every entry that repeats an earlier one, with the earlier one's index. */
function repeats(items: readonly unknown[], key: (x: unknown) => string): Array<[number, number]> {
  const seen = new Map<string, number>();
  const out: Array<[number, number]> = [];
  items.forEach((x, i) => {
    const k = key(x);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push([i, first]);
  });
  return out;
}

export const duplicateEntry: LedgerRule = {
  code: 'duplicate-entry',
  evaluate: ({ ledger, options }) => {
    const out: Finding[] = [];
    const kinds = new Set([...Object.keys(STRING_LISTS), ...Object.keys(SELECTOR_LISTS)]);
    for (const kind of kinds) {
      for (const o of metallbObjects(ledger, kind, options.metallbNamespace)) {
        const report = (path: FieldPath, what: string, first: number) =>
          out.push(configFinding('duplicate-entry', `${described(o)}: ${pathText(path)} repeats ${what} (first as entry ${first + 1}); MetalLB refuses a repeated entry`, o, path));
        for (const path of STRING_LISTS[kind] ?? []) {
          const items = listAt(o, path);
          for (const [i, first] of repeats(items, String)) report([...path, i], `"${String(items[i])}"`, first);
        }
        for (const path of SELECTOR_LISTS[kind] ?? []) {
          const selectors = listAt(o, path);
          for (const [i, first] of repeats(selectors, selectorKey)) report([...path, i], `the selector ${selectorText(selectors[i])}`, first);
          selectors.forEach((_, s) => {
            const exprPath = [...path, s, 'matchExpressions'];
            const expressions = listAt(o, exprPath);
            for (const [i, first] of repeats(expressions, expressionKey)) report([...exprPath, i], 'an expression', first);
            expressions.forEach((_, e) => {
              const valuesPath = [...exprPath, e, 'values'];
              const values = listAt(o, valuesPath);
              for (const [i, first] of repeats(values, String)) report([...valuesPath, i], `the value "${String(values[i])}"`, first);
            });
          });
        }
      }
    }
    return out;
  },
};
