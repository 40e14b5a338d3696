// One gauge or counter family as Prometheus text (format 0.0.4), written directly: the report's families have one series per service, and a metrics library's per-series bookkeeping cost more than the scrape itself.
import type { FamilyDeclaration, Sample } from '../../core/metrics/family.ts';

type Declared = Pick<FamilyDeclaration, 'name' | 'help' | 'type' | 'labels'>;

const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const NEEDS_ESCAPE = /[\\"\n]/;
/** Most label values need no escape: test once instead of copying the string three times. */
const escapeLabel = (s: string) => (NEEDS_ESCAPE.test(s) ? escapeText(s).replace(/"/g, '\\"') : s);

function valueText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v < 0 ? '-Inf' : '+Inf';
  return String(v);
}

/** The family's HELP and TYPE lines. */
export function familyHeader(decl: Declared): string {
  return `# HELP ${decl.name} ${escapeText(decl.help)}\n# TYPE ${decl.name} ${decl.type}`;
}

/**
 * The sample lines, one per label set ('' for none): labels in the order given, a gauge keeps the last
 * value given for a label set in the place of the first, and a counter adds them up.
 */
export function sampleLines(decl: Declared, samples: Iterable<Sample>): string {
  // Nearly every call gives one sample (a service's line): the map that merges repeated label sets is made at the second.
  let firstKey: string | null = null;
  let firstValue = 0;
  let values: Map<string, number> | null = null;
  for (const [labels, value] of samples) {
    let key = '';
    for (const name in labels) key += `${key === '' ? '' : ','}${name}="${escapeLabel(labels[name]!)}"`;
    if (firstKey === null) {
      firstKey = key;
      firstValue = value;
      continue;
    }
    values ??= new Map([[firstKey, firstValue]]);
    values.set(key, decl.type === 'counter' ? (values.get(key) ?? 0) + value : value);
  }
  if (values === null) return firstKey === null ? '' : sampleLine(decl.name, firstKey, firstValue);
  let lines = '';
  for (const [key, value] of values) lines += `${lines === '' ? '' : '\n'}${sampleLine(decl.name, key, value)}`;
  return lines;
}

const sampleLine = (name: string, key: string, value: number) => `${name}${key === '' ? '' : `{${key}}`} ${valueText(value)}`;

/**
 * The family's HELP, TYPE and sample lines, byte for byte as prom-client writes them (so the families it
 * still renders read alike); an unlabelled family with no sample reads 0.
 */
export function familyText(decl: Declared, samples: Iterable<Sample>): string {
  const lines = sampleLines(decl, samples);
  if (lines === '' && decl.labels.length === 0) return `${familyHeader(decl)}\n${decl.name} 0`;
  return lines === '' ? familyHeader(decl) : `${familyHeader(decl)}\n${lines}`;
}
