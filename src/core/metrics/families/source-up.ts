// poolwatch_source_up: 1 while everything poolwatch reads is in sync, 0 while it serves the last known state.
import type { FamilyDeclaration } from '../family.ts';

export const sourceUp: FamilyDeclaration = {
  name: 'poolwatch_source_up',
  help: '1 when the source (API server or files) is in sync; 0 while poolwatch serves the last known state.',
  type: 'gauge',
  labels: [],
  set: 'native',
  live: true,
  doc: '1 or 0',
  *samples({ health }) {
    yield [{}, health.up ? 1 : 0];
  },
};
