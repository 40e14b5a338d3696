// Every finding code has a rule and a docs/findings.md section, every pending reason a file, a list entry, a producer and a docs/reasons.md section, and the reverse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingRules } from '../../../src/core/analysis/findings/index.ts';
import { PENDING_REASONS } from '../../../src/core/allocator/reasons/index.ts';
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

test('pending reasons: the list, the files in src/core/allocator/reasons/, the code that gives each, and docs/reasons.md sections are the same set', () => {
  const codes = sorted(PENDING_REASONS.map((r) => r.code));
  assert.deepEqual(sorted(REASON_CODES), codes, 'the reason codes are the list\'s codes');
  assert.deepEqual(sorted(sections('reasons.md')), codes, 'docs/reasons.md needs exactly one section per reason code');
  const dir = join(root, 'src', 'core', 'allocator', 'reasons');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'reason.ts');
  assert.deepEqual(sorted(files.map((f) => f.replace(/\.ts$/, ''))), codes, 'one file <code>.ts per listed reason, and each file listed');
  // Every reason is given somewhere in the core (imported from its file), and no code gives a reason code as a bare string.
  const core = join(root, 'src', 'core');
  const sources = (readdirSync(core, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.startsWith(join('allocator', 'reasons')))
    .map((f) => readFileSync(join(core, f), 'utf8'))
    .join('\n');
  for (const code of codes) assert.match(sources, new RegExp(`from '[./]*(allocator/)?reasons/${code}\\.ts'`), `${code}: declared but given nowhere`);
  const inline = [...sources.matchAll(/fail\(\s*'([a-z-]+)'|code: '([a-z-]+)',\s*message/g)].map((m) => (m[1] ?? m[2])!).filter((c) => codes.includes(c));
  assert.deepEqual(inline, [], 'a reason code written inline instead of its declaration');
});
