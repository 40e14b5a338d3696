// Every finding code has a rule and a docs/findings.md section, every reason code a producer and a docs/reasons.md section, and the reverse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingRules } from '../../../src/core/analysis/findings/index.ts';
import { FINDING_CODES, FINDING_SEVERITY, REASON_CODES } from '../../../src/core/report/codes.ts';

const root = join(import.meta.dirname, '..', '..', '..');

/** The `## code` (or `## \`code\``) headings of a doc. */
function sections(doc: string): string[] {
  return [...readFileSync(join(root, 'docs', doc), 'utf8').matchAll(/^## `?([a-z0-9-]+)`?\s*$/gm)].map((m) => m[1]!);
}

function sorted(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort();
}

test('finding codes, finding rules and docs/findings.md sections are the same set', () => {
  const codes = sorted(FINDING_CODES);
  assert.deepEqual(sorted(findingRules.map((r) => r.code)), codes, 'a finding code without a rule, or a rule without a code');
  assert.deepEqual(sorted(sections('findings.md')), codes, 'docs/findings.md needs exactly one section per finding code');
  for (const code of codes) assert.match(readFileSync(join(root, 'docs', 'findings.md'), 'utf8'), new RegExp(`\\[\`${code}\`\\]\\(#${code}\\) \\| ${FINDING_SEVERITY[code as keyof typeof FINDING_SEVERITY]} \\|`), `${code}: a row with its severity in the table`);
});

test('reason codes, the allocator code that gives them and docs/reasons.md sections are the same set', () => {
  const codes = sorted(REASON_CODES);
  assert.deepEqual(sorted(sections('reasons.md')), codes, 'docs/reasons.md needs exactly one section per reason code');
  const dir = join(root, 'src', 'core', 'allocator');
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const given = [...source.matchAll(/fail\(\s*'([a-z-]+)'|code: '([a-z-]+)',\s*message/g)].map((m) => (m[1] ?? m[2])!);
  assert.deepEqual(sorted(given), codes, 'a reason code no allocator step gives, or one given without being declared');
});
