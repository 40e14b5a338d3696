// The Event kind: a core/v1 or events.k8s.io/v1 Event with reason AllocationFailed about a Service; other events are skipped.
import type { AllocationFailedEvent } from '../types.ts';
import type { FieldReader } from './fields.ts';
import { defineKind } from './kind.ts';

export function decodeAllocationFailedEvent(r: FieldReader): AllocationFailedEvent | null {
  if (r.get(['reason']) !== 'AllocationFailed') return null;
  // core/v1 names the object in involvedObject and the text in message; events.k8s.io/v1 uses regarding and note.
  const target = r.object(['involvedObject']) ? 'involvedObject' : 'regarding';
  if (r.get([target, 'kind']) !== 'Service') return null;
  const meta = r.metadata('Event', 'default');
  const serviceName = r.requiredString([target, 'name']);
  const namespace = r.string([target, 'namespace']) ?? meta?.namespace ?? 'default';
  const message = r.string(['message']) ?? r.string(['note']) ?? '';
  const last = r.get(['lastTimestamp']) ?? r.get(['eventTime']) ?? r.get(['deprecatedLastTimestamp']);
  if (!meta || serviceName === null) return null;
  return {
    namespace,
    serviceName,
    message,
    lastTimestamp: typeof last === 'string' ? last : null,
    location: r.locate([]),
  };
}

export const allocationFailedEventKind = defineKind({
  kind: 'Event',
  groups: ['', 'events.k8s.io'],
  // MetalLB's controller reports allocation failures as Warning events with this reason.
  resource: { group: '', version: 'v1', plural: 'events', scope: 'cluster', fieldSelector: 'reason=AllocationFailed', optional: false },
  slot: 'events',
  decode: decodeAllocationFailedEvent,
  live: {
    mode: 'each',
    upsert: (model, ev) => model.upsertEvent(ev),
    // An event object names its service only in its body: the value applied last says which.
    remove: (model, _ref, before) => before && model.removeEvent(before.namespace, before.serviceName),
    remember: true,
  },
});
