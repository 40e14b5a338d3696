// One gauge or counter family as Prometheus text (format 0.0.4), written directly: the report's families have one series per service, and a metrics library's per-series bookkeeping cost more than the scrape itself.
import type { FamilyDeclaration, Sample } from '../../core/metrics/family.ts';

const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const NEEDS_ESCAPE = /[\\"\n]/;
/** Most label values need no escape: test once instead of copying the string three times. */
const escapeLabel = (s: string) => (NEEDS_ESCAPE.test(s) ? escapeText(s).replace(/"/g, '\\"') : s);

function valueText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v < 0 ? '-Inf' : '+Inf';
  return String(v);
}

/**
 * The family's HELP, TYPE and sample lines, byte for byte as prom-client writes them (so the families it
 * still renders read alike): labels in the order given, a gauge keeps the last value given for a label
 * set and a counter adds them up, and an unlabelled family with no sample reads 0.
 */
export function familyText(decl: Pick<FamilyDeclaration, 'name' | 'help' | 'type' | 'labels'>, samples: Iterable<Sample>): string {
  const values = new Map<string, number>();
  for (const [labels, value] of samples) {
    let key = '';
    for (const name in labels) key += `${key === '' ? '' : ','}${name}="${escapeLabel(labels[name]!)}"`;
    values.set(key, decl.type === 'counter' ? (values.get(key) ?? 0) + value : value);
  }
  if (values.size === 0 && decl.labels.length === 0) values.set('', 0);
  const lines = [`# HELP ${decl.name} ${escapeText(decl.help)}`, `# TYPE ${decl.name} ${decl.type}`];
  for (const [key, value] of values) lines.push(`${decl.name}${key === '' ? '' : `{${key}}`} ${valueText(value)}`);
  return lines.join('\n');
}
