// docs/metrics.md lists exactly the declared metric families (UPDATE_GOLDEN=1 rewrites its generated section).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC_BEGIN, DOC_END, metricsDocSection } from '../../../src/core/metrics/metrics-doc.ts';
import { families } from '../../../src/core/metrics/families/index.ts';
import { updatingGolden } from '../../support/golden.ts';

const docPath = join(import.meta.dirname, '..', '..', '..', 'docs', 'metrics.md');

test('docs/metrics.md carries the generated family table', () => {
  let doc = readFileSync(docPath, 'utf8');
  const section = metricsDocSection();
  const begin = doc.indexOf(DOC_BEGIN);
  const end = doc.indexOf(DOC_END);
  if (updatingGolden) {
    doc = begin >= 0 && end > begin ? doc.slice(0, begin) + section + doc.slice(end + DOC_END.length) : `${doc.trimEnd()}\n\n${section}\n`;
    writeFileSync(docPath, doc);
  }
  assert.ok(doc.includes(section), 'docs/metrics.md is out of date with the family declarations: run `npm run golden` and review the diff');
  for (const f of families) assert.ok(doc.includes(`| \`${f.name}\` |`), f.name);
});

test('every family is declared once, with a help text and snake_case labels; only counters end in _total', () => {
  const names = families.map((f) => f.name);
  assert.equal(new Set(names).size, names.length);
  for (const f of families) {
    assert.match(f.name, /^(poolwatch|metallb)_[a-z0-9_]+$/);
    assert.ok(f.help.length > 10, f.name);
    for (const l of f.labels) assert.match(l, /^[a-z][a-z0-9_]*$/);
    // MetalLB's own gauge names end in _total; poolwatch's native names follow the convention.
    if (f.set === 'native') assert.equal(f.name.endsWith('_total'), f.type === 'counter', f.name);
    assert.equal(f.type === 'histogram', f.samples === undefined && f.serviceSamples === undefined, f.name);
    // Per-service text is kept per entry: it holds only if no two entries' samples share a label set.
    if (f.serviceSamples) assert.ok(f.samples === undefined && f.labels.includes('namespace') && f.labels.includes('service'), f.name);
  }
});
