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
    // Counted per code, then per severity: no key is built per finding (there can be one per service).
    const counts = new Map<string, Map<string, number>>();
    for (const f of report.findings) {
      let bySeverity = counts.get(f.code);
      if (bySeverity === undefined) counts.set(f.code, (bySeverity = new Map()));
      bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
    }
    for (const [code, bySeverity] of counts) for (const [severity, n] of bySeverity) yield [{ code, severity }, n];
  },
};
