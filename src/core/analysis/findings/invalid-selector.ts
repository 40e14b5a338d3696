// Rule invalid-selector: a label selector MetalLB cannot turn into a selector (bad label key or value, values where none belong, none where they must be).
import type { FieldPath } from '../../manifest/located.ts';
import { pathText } from '../../model/kinds/fields.ts';
import type { Finding } from '../../report/types.ts';
import { configFinding, described, fieldAt, listAt, metallbObjects } from './config-objects.ts';
import { SELECTOR_LISTS } from './config-lists.ts';
import type { LedgerRule } from './finding.ts';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is not a Kubernetes qualified name (`prefix/name`), or null. */
export function badLabelKey(key: string): string | null {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : null;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== null && (prefix === '' || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return `the label key "${key}" has an invalid prefix (a lowercase DNS subdomain)`;
  if (name === '' || name.length > 63 || !NAME.test(name)) return `the label key "${key}" is not a valid label name (at most 63 letters, digits, "-", "_", "." starting and ending with a letter or digit)`;
  return null;
}

/** Why a label value is not valid, or null (the empty value is valid). */
export function badLabelValue(value: string): string | null {
  if (value === '') return null;
  if (value.length > 63 || !NAME.test(value)) return `the label value "${value}" is not valid (at most 63 letters, digits, "-", "_", "." starting and ending with a letter or digit)`;
  return null;
}

/** Every problem of one selector, with the path of the field at fault. */
function selectorProblems(at: FieldPath, get: (p: FieldPath) => unknown, list: (p: FieldPath) => unknown[]): Array<[FieldPath, string]> {
  const out: Array<[FieldPath, string]> = [];
  const labels = get([...at, 'matchLabels']);
  if (labels !== null && typeof labels === 'object' && !Array.isArray(labels)) {
    for (const [k, v] of Object.entries(labels as Record<string, unknown>)) {
      const why = badLabelKey(k) ?? badLabelValue(String(v));
      if (why) out.push([[...at, 'matchLabels', k], why]);
    }
  }
  list([...at, 'matchExpressions']).forEach((_, i) => {
    const e = [...at, 'matchExpressions', i];
    const key = get([...e, 'key']);
    const operator = get([...e, 'operator']);
    const values = list([...e, 'values']);
    const keyProblem = typeof key === 'string' ? badLabelKey(key) : null;
    if (keyProblem) out.push([[...e, 'key'], keyProblem]);
    if ((operator === 'In' || operator === 'NotIn') && values.length === 0) out.push([[...e, 'values'], `operator ${operator} needs at least one value`]);
    if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) out.push([[...e, 'values'], `operator ${operator} takes no values`]);
    if (operator === 'In' || operator === 'NotIn') {
      values.forEach((v, j) => {
        const why = badLabelValue(String(v));
        if (why) out.push([[...e, 'values', j], why]);
      });
    }
  });
  return out;
}

export const invalidSelector: LedgerRule = {
  code: 'invalid-selector',
  evaluate: ({ ledger, options }) => {
    const out: Finding[] = [];
    for (const [kind, paths] of Object.entries(SELECTOR_LISTS)) {
      for (const o of metallbObjects(ledger, kind, options.metallbNamespace)) {
        for (const path of paths) {
          listAt(o, path).forEach((_, i) => {
            for (const [at, why] of selectorProblems([...path, i], (p) => fieldAt(o, p), (p) => listAt(o, p))) {
              out.push(configFinding('invalid-selector', `${described(o)}: ${pathText([...path, i])}: ${why}; MetalLB refuses the selector`, o, at));
            }
          });
        }
      }
    }
    return out;
  },
};
