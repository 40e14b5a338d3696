// poolwatch_build_info: the running version, for dashboards and upgrade tracking.
import type { FamilyDeclaration } from '../family.ts';

export const buildInfo: FamilyDeclaration = {
  name: 'poolwatch_build_info',
  help: 'Always 1; the poolwatch version and the Node.js version running it.',
  type: 'gauge',
  labels: ['version', 'node_version', 'source'],
  set: 'native',
  live: true,
  doc: 'always 1',
  *samples({ build, health }) {
    yield [{ version: build.version, node_version: build.nodeVersion, source: health.source }, 1];
  },
};
