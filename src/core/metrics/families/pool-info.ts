// poolwatch_pool_info: one series per pool carrying its settings as labels, for joins.
import type { FamilyDeclaration } from '../family.ts';

export const poolInfo: FamilyDeclaration = {
  name: 'poolwatch_pool_info',
  help: 'Always 1; one series per address pool with its settings as labels.',
  type: 'gauge',
  labels: ['pool', 'namespace', 'auto_assign', 'avoid_buggy_ips'],
  set: 'native',
  doc: 'always 1',
  *samples({ report }) {
    for (const p of report.pools) {
      yield [{ pool: p.name, namespace: p.namespace, auto_assign: String(p.autoAssign), avoid_buggy_ips: String(p.avoidBuggyIPs) }, 1];
    }
  },
};
