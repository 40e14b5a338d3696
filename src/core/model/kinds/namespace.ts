// The Namespace kind: its labels feed serviceAllocation.namespaceSelectors.
import type { Namespace } from '../types.ts';
import type { FieldReader } from './fields.ts';
import { defineKind } from './kind.ts';

export function decodeNamespace(r: FieldReader): Namespace | null {
  const meta = r.metadata('Namespace', null);
  if (!meta) return null;
  return { name: meta.name, labels: meta.labels, location: r.locate([]) };
}

export const namespaceKind = defineKind({
  kind: 'Namespace',
  groups: [''],
  resource: { group: '', version: 'v1', plural: 'namespaces', scope: 'cluster', optional: false },
  slot: 'namespaces',
  decode: decodeNamespace,
  live: { mode: 'all', set: (model, namespaces) => model.setNamespaces(namespaces) },
});
