// `lint -o text`: one `file:line:col: severity code: message` line per finding, then a count line.
import type { Finding } from '../../core/report/types.ts';
import { visibleStrings } from '../../core/report/visible.ts';
import type { Colors } from './color.ts';

export function lintLine(exact: Finding, c: Colors): string {
  const f = visibleStrings(exact); // names, messages and locations come from the input
  const sev = f.severity === 'error' ? c.red(f.severity) : f.severity === 'warning' ? c.yellow(f.severity) : c.cyan(f.severity);
  return `${f.location ?? f.objects[0] ?? '-'}: ${sev} ${c.bold(f.code)}: ${f.message}\n`;
}

export function renderLintText(findings: readonly Finding[], c: Colors): string {
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  const total = findings.length;
  const summary = total === 0 ? 'no findings\n' : `${total} finding${total === 1 ? '' : 's'}: ${n.error} error, ${n.warning} warning, ${n.info} info\n`;
  return findings.map((f) => lintLine(f, c)).join('') + summary;
}
