// The monitoring docs stay true: every alert has a runbook entry and a row in alerts.md, every config key is documented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runbookAnchor } from '../../../src/core/generate/alerts/index.ts';
import { generateRuleFile } from '../../../src/core/generate/bundle.ts';
import { DEFAULT_CONFIG } from '../../../src/core/generate/config.ts';

const doc = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');
const rules = generateRuleFile(DEFAULT_CONFIG).groups.flatMap((g) => g.rules);

test('every alert has a runbook entry whose anchor its runbook_url uses, and a row in alerts.md', () => {
  const runbook = doc('runbook.md');
  const alerts = doc('alerts.md');
  const headings = [...runbook.matchAll(/^## (\S+)$/gm)].map((m) => m[1]!);
  for (const rule of rules) {
    if (!('alert' in rule)) continue;
    assert.ok(headings.includes(rule.alert), `docs/runbook.md has no "## ${rule.alert}"`);
    assert.ok(rule.annotations.runbook_url.endsWith(`#${runbookAnchor(rule.alert)}`), rule.annotations.runbook_url);
    assert.ok(alerts.includes(`| \`${rule.alert}\` | ${rule.labels.severity} |`), `docs/alerts.md has no row for ${rule.alert} (${rule.labels.severity})`);
  }
  const names = new Set(rules.map((r) => ('alert' in r ? r.alert : r.record)));
  for (const heading of headings) assert.ok(names.has(heading), `docs/runbook.md documents ${heading}, which the rules do not have`);
});

test('every recording rule is in alerts.md', () => {
  for (const rule of rules) if ('record' in rule) assert.ok(doc('alerts.md').includes(`\`${rule.record}\``), rule.record);
});

test('every config key is documented in monitoring.md', () => {
  const text = doc('monitoring.md');
  const keys = (value: unknown, prefix: string): string[] =>
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0
      ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
      : [prefix];
  for (const key of keys(DEFAULT_CONFIG, '')) assert.ok(text.includes(`\`${key}\``), `docs/monitoring.md does not document ${key}`);
});
