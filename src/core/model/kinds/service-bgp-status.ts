// The ServiceBGPStatus kind (metallb.io, v0.15+): a node that advertises a service, and the BGPPeers it advertises it to.
import type { ServiceBgpStatus } from '../types.ts';
import { applyAnnouncementObject } from './announcement-object.ts';
import type { FieldReader } from './fields.ts';
import { DEFAULT_METALLB_NAMESPACE as METALLB_NAMESPACE } from './metallb.ts';
import { defineKind } from './kind.ts';
import { announcingService } from './status-fields.ts';

export function decodeServiceBgpStatus(r: FieldReader): ServiceBgpStatus | null {
  const meta = r.metadata('ServiceBGPStatus', METALLB_NAMESPACE);
  const peers = r.stringList(['status', 'peers']);
  const target = meta && announcingService(r, meta.labels);
  if (!meta || !target) return null;
  return { namespace: meta.namespace, name: meta.name, ...target, peers, location: r.locate([]) };
}

export const serviceBgpStatusKind = defineKind({
  kind: 'ServiceBGPStatus',
  groups: ['metallb.io'],
  resource: { group: 'metallb.io', version: 'v1beta1', plural: 'servicebgpstatuses', scope: 'metallb-namespace', optional: true },
  metallb: { served: ['v1beta1'], configuration: false },
  slot: 'bgpStatuses',
  decode: decodeServiceBgpStatus,
  live: applyAnnouncementObject('bgpStatuses'),
});
