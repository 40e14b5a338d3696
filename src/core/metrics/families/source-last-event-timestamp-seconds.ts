// poolwatch_source_last_event_timestamp_seconds: when the API server was last heard from, per resource.
import type { FamilyDeclaration } from '../family.ts';

export const sourceLastEventTimestampSeconds: FamilyDeclaration = {
  name: 'poolwatch_source_last_event_timestamp_seconds',
  help: 'Unix time at which the API server last answered about the resource: a list, a watch event or a bookmark.',
  type: 'gauge',
  labels: ['resource'],
  set: 'native',
  live: true,
  doc: 'seconds since the epoch; kube source only; the API server sends a bookmark about once a minute, so a healthy watch is never much older than that',
  *samples({ health }) {
    for (const [resource, ms] of Object.entries(health.lastEventMs ?? {})) if (ms !== null) yield [{ resource }, ms / 1000];
  },
};
