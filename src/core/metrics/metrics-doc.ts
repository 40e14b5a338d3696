// Renders the metric family table of docs/metrics.md from the declarations (a test keeps the doc in step).
import type { FamilyDeclaration } from './family.ts';
import { families } from './families/index.ts';

export const DOC_BEGIN = '<!-- metric families: generated from src/core/metrics/families, do not edit by hand -->';
export const DOC_END = '<!-- end of metric families -->';

function row(f: FamilyDeclaration): string {
  const labels = f.labels.length ? f.labels.map((l) => `\`${l}\``).join(', ') : '–';
  const notes = [f.perService ? 'per service: off with `--no-service-metrics`' : null, f.doc].filter(Boolean).join('; ');
  return `| \`${f.name}\` | ${f.type} | ${labels} | ${f.help} | ${notes} |`;
}

export function metricsDocSection(list: readonly FamilyDeclaration[] = families): string {
  const table = (set: FamilyDeclaration['set']) => [
    '| name | type | labels | help | value and notes |',
    '|---|---|---|---|---|',
    ...list.filter((f) => f.set === set).map(row),
  ];
  return [
    DOC_BEGIN,
    '',
    '### Native families',
    '',
    ...table('native'),
    '',
    '### `--compat=metallb` families',
    '',
    ...table('compat'),
    '',
    DOC_END,
  ].join('\n');
}
