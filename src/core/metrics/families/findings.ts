// poolwatch_findings: the number of current findings per code and severity.
import type { FamilyDeclaration } from '../family.ts';

export const findings: FamilyDeclaration = {
  name: 'poolwatch_findings',
  help: 'Current findings (misconfigurations and risks) per code and severity.',
  type: 'gauge',
  labels: ['code', 'severity'],
  set: 'native',
  doc: 'findings; codes are in docs/findings.md; a code with no finding has no series',
  *samples({ report }) {
    const counts = new Map<string, { code: string; severity: string; n: number }>();
    for (const f of report.findings) {
      const key = `${f.code}\u0000${f.severity}`;
      const c = counts.get(key) ?? { code: f.code, severity: f.severity, n: 0 };
      c.n++;
      counts.set(key, c);
    }
    for (const c of counts.values()) yield [{ code: c.code, severity: c.severity }, c.n];
  },
};
