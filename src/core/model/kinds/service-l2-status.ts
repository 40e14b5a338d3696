// The ServiceL2Status kind (metallb.io, v0.14.4+): which node's speaker answers ARP/NDP for a service, on which interfaces.
import type { ServiceL2Status } from '../types.ts';
import { applyAnnouncementObject } from './announcement-object.ts';
import type { FieldReader } from './fields.ts';
import { DEFAULT_METALLB_NAMESPACE as METALLB_NAMESPACE } from './metallb.ts';
import { defineKind } from './kind.ts';
import { announcingService } from './status-fields.ts';

export function decodeServiceL2Status(r: FieldReader): ServiceL2Status | null {
  const meta = r.metadata('ServiceL2Status', METALLB_NAMESPACE);
  const interfaces: string[] = [];
  r.list(['status', 'interfaces']).forEach((_, i) => {
    const name = r.string(['status', 'interfaces', i, 'name']);
    if (name !== null) interfaces.push(name);
  });
  const target = meta && announcingService(r, meta.labels);
  if (!meta || !target) return null;
  return { namespace: meta.namespace, name: meta.name, ...target, interfaces, location: r.locate([]) };
}

export const serviceL2StatusKind = defineKind({
  kind: 'ServiceL2Status',
  groups: ['metallb.io'],
  resource: { group: 'metallb.io', version: 'v1beta1', plural: 'servicel2statuses', scope: 'metallb-namespace', optional: true },
  metallb: { served: ['v1beta1'], configuration: false },
  slot: 'l2Statuses',
  decode: decodeServiceL2Status,
  live: applyAnnouncementObject('l2Statuses'),
});
