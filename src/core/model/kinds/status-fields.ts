// The fields ServiceL2Status and ServiceBGPStatus share: the announcing node and the service, from status or from labels.
import type { FieldReader } from './fields.ts';

/**
 * The speaker writes the node and service in `status` and in labels; a status not written yet (the
 * object is created first) still has the labels. Null when neither says which service it is about.
 */
export function announcingService(r: FieldReader, labels: Record<string, string>): { node: string; serviceNamespace: string; serviceName: string } | null {
  const node = r.string(['status', 'node']) ?? labels['metallb.io/node'] ?? null;
  const serviceName = r.string(['status', 'serviceName']) ?? labels['metallb.io/service-name'] ?? null;
  const serviceNamespace = r.string(['status', 'serviceNamespace']) ?? labels['metallb.io/service-namespace'] ?? null;
  if (node === null || serviceName === null || serviceNamespace === null) return null;
  return { node, serviceNamespace, serviceName };
}
