// poolwatch_watch_restarts_total: list/watch restarts after errors, per resource.
import type { FamilyDeclaration } from '../family.ts';

export const watchRestartsTotal: FamilyDeclaration = {
  name: 'poolwatch_watch_restarts_total',
  help: 'Restarts of a list/watch after an error (with exponential backoff), per resource.',
  type: 'counter',
  labels: ['resource'],
  set: 'native',
  live: true,
  doc: 'restarts; a watch the API server ends normally is resumed without counting',
  *samples({ health }) {
    for (const [resource, n] of Object.entries(health.restarts)) yield [{ resource }, n];
  },
};
