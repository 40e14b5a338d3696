// poolwatch_snapshot_update_duration_seconds: how long applying one object event to the snapshot takes.
import type { FamilyDeclaration } from '../family.ts';

export const snapshotUpdateDurationSeconds: FamilyDeclaration = {
  name: 'poolwatch_snapshot_update_duration_seconds',
  help: 'Time to apply one object event to the in-memory snapshot and address accounting.',
  type: 'histogram',
  labels: [],
  set: 'native',
  buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05],
  doc: 'seconds',
};
