// poolwatch_events_applied_total: object events (add, update, delete) applied to the snapshot, per kind.
import type { FamilyDeclaration } from '../family.ts';

export const eventsAppliedTotal: FamilyDeclaration = {
  name: 'poolwatch_events_applied_total',
  help: 'Object events (add, update, delete) applied to the in-memory snapshot, per Kubernetes kind.',
  type: 'counter',
  labels: ['kind'],
  set: 'native',
  live: true,
  doc: 'events',
  *samples({ counters }) {
    for (const [kind, n] of counters.eventsApplied) yield [{ kind }, n];
  },
};
