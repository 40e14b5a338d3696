// Kubernetes label selector matching (matchLabels AND matchExpressions), as used by MetalLB for pools and advertisements.
import type { LabelSelector } from './types.ts';

/** Whether the labels satisfy the selector; an empty selector matches everything. */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const req of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = labels[req.key];
    switch (req.operator) {
      case 'In':
        if (!has || !req.values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && req.values.includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** `{a=1,b in (x,y)}`: the selector as a person reads it, for messages. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions) {
    if (req.operator === 'Exists') parts.push(req.key);
    else if (req.operator === 'DoesNotExist') parts.push(`!${req.key}`);
    else parts.push(`${req.key} ${req.operator === 'In' ? 'in' : 'notin'} (${req.values.join(',')})`);
  }
  return `{${parts.join(',')}}`;
}
