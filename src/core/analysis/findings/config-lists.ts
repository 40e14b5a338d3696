// The lists MetalLB checks in its configuration objects (names, label selectors), and a label selector's canonical form.
import type { FieldPath } from '../../manifest/located.ts';

/** Lists of plain strings in which MetalLB refuses a repeated entry, by kind. */
export const STRING_LISTS: Readonly<Record<string, readonly FieldPath[]>> = {
  IPAddressPool: [['spec', 'serviceAllocation', 'namespaces']],
  L2Advertisement: [['spec', 'ipAddressPools']],
  BGPAdvertisement: [['spec', 'ipAddressPools'], ['spec', 'communities'], ['spec', 'peers']],
};

/** Lists of label selectors MetalLB parses (and in which it refuses a repeated selector), by kind. */
export const SELECTOR_LISTS: Readonly<Record<string, readonly FieldPath[]>> = {
  IPAddressPool: [['spec', 'serviceAllocation', 'namespaceSelectors'], ['spec', 'serviceAllocation', 'serviceSelectors']],
  L2Advertisement: [['spec', 'ipAddressPoolSelectors'], ['spec', 'nodeSelectors'], ['spec', 'serviceSelectors']],
  BGPAdvertisement: [['spec', 'ipAddressPoolSelectors'], ['spec', 'nodeSelectors'], ['spec', 'serviceSelectors']],
  BGPPeer: [['spec', 'nodeSelectors']],
};

function record(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** One matchExpressions entry as MetalLB compares it: key, operator and the values sorted. */
export function expressionKey(e: unknown): string {
  const r = record(e);
  const values = Array.isArray(r['values']) ? r['values'].map(String).sort() : [];
  return JSON.stringify([r['key'], r['operator'], values]);
}

/** A label selector as MetalLB compares two of them: labels by key, expressions in order with sorted values. */
export function selectorKey(sel: unknown): string {
  const r = record(sel);
  const labels = record(r['matchLabels']);
  const sortedLabels = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  const expressions = Array.isArray(r['matchExpressions']) ? r['matchExpressions'].map(expressionKey) : [];
  return JSON.stringify([sortedLabels, expressions]);
}

/** `{a=1,b in (x,y)}`, a selector as written, for messages. */
export function selectorText(sel: unknown): string {
  const r = record(sel);
  const labels = record(r['matchLabels']);
  const parts = Object.keys(labels).map((k) => `${k}=${String(labels[k])}`);
  for (const e of Array.isArray(r['matchExpressions']) ? r['matchExpressions'] : []) {
    const x = record(e);
    const values = Array.isArray(x['values']) ? x['values'].join(',') : '';
    parts.push(values ? `${String(x['key'])} ${String(x['operator'])} (${values})` : `${String(x['key'])} ${String(x['operator'])}`);
  }
  return `{${parts.join(', ')}}`;
}
