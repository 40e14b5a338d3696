// Decodes a core/v1 Namespace (its labels feed serviceAllocation.namespaceSelectors).
import type { Namespace } from '../types.ts';
import type { FieldReader } from './fields.ts';

export function decodeNamespace(r: FieldReader): Namespace | null {
  const meta = r.metadata('Namespace', null);
  if (!meta) return null;
  return { name: meta.name, labels: meta.labels, location: r.locate([]) };
}
