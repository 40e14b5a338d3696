// poolwatch_source_last_sync_timestamp_seconds: when the served state was last known to match the source.
import type { FamilyDeclaration } from '../family.ts';

export const sourceLastSyncTimestampSeconds: FamilyDeclaration = {
  name: 'poolwatch_source_last_sync_timestamp_seconds',
  help: 'Unix time at which the served state was last known to be in sync with the source (kube: the oldest of the resources\' last list, event or bookmark; manifests: the last successful read).',
  type: 'gauge',
  labels: [],
  set: 'native',
  live: true,
  doc: 'seconds since the epoch; no series before the first sync',
  *samples({ health }) {
    if (health.lastSyncMs !== null) yield [{}, health.lastSyncMs / 1000];
  },
};
