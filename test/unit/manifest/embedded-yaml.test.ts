// The legacy ConfigMap's embedded config is read by the manifest files' own YAML reader: every YAML problem gives the top level's message, at data.config, naming the line and column inside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifestText } from '../../../src/core/manifest/parse.ts';
import { snapshotFromTexts } from '../../../src/core/manifest/snapshot.ts';
import { MAX_EMBEDDED_YAML } from '../../../src/core/manifest/yaml-reader.ts';

/** A legacy ConfigMap holding `config`, as one JSON line (so data.config is at line 1, column 114). */
function configMap(config: string): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config', namespace: 'metallb-system' }, data: { config } });
}

function embeddedProblems(config: string): string[] {
  const snapshot = snapshotFromTexts([{ file: 'cm.json', text: configMap(config) }]);
  return snapshot.problems.map((p) => `${p.location!.file}:${p.location!.line}:${p.location!.col} ${p.message}`);
}

const CASES: Record<string, string> = {
  'a tab as indentation': 'address-pools:\n- name: a\n\t  protocol: layer2\n\t  addresses: []\n',
  'a key written twice': 'address-pools:\n- name: a\n  name: b\n',
  'a list as a key': 'address-pools:\n- name: a\n  ? [x, y]\n  : 1\n',
  'a syntax error': 'address-pools: [1,\n',
};

for (const [name, config] of Object.entries(CASES)) {
  test(`embedded config, ${name}: the top level's message, at data.config with the line and column inside it`, () => {
    const top = parseManifestText(config, 'top.yaml').problems;
    assert.ok(top.length > 0, 'the top level finds a problem');
    assert.deepEqual(embeddedProblems(config), top.map((p) => `cm.json:1:114 data.config line ${p.location!.line}, column ${p.location!.col}: ${p.message}`));
  });
}

// One deep parse per process: a stack overflow is what is tested, and each costs (see bad-input.test.ts for the top level's message).
test('embedded config nested too deeply says so plainly (the top level\'s message), never the parser\'s own text', () => {
  const problems = embeddedProblems(`address-pools: ${'['.repeat(8000)}${']'.repeat(8000)}\n`);
  assert.deepEqual(problems, ['cm.json:1:114 data.config line 1, column 1: YAML: nested too deeply to read (lists or mappings inside each other hundreds of levels deep)']);
});

test('embedded config larger than a ConfigMap can hold is not parsed, and said at data.config', () => {
  const config = `address-pools:\n- name: a\n  protocol: layer2\n  addresses: [10.0.0.0/30]\n  note: "${'y'.repeat(MAX_EMBEDDED_YAML)}"\n`;
  assert.deepEqual(embeddedProblems(config), ['cm.json:1:114 data.config is 1.0 MiB, more than the 1 MiB Kubernetes holds in a ConfigMap: it cannot have been applied, and is not read']);
});

test('embedded config with a second document is one located problem', () => {
  const config = 'address-pools:\n- name: a\n  protocol: layer2\n  addresses: [10.0.0.0/30]\n---\nanything: 1\n';
  assert.deepEqual(embeddedProblems(config), ['cm.json:1:114 data.config line 5, column 1: a second YAML document; data.config is one document (MetalLB would ignore all but the first)']);
});

test('a valid embedded config has no problem, and an empty one is still said', () => {
  assert.deepEqual(embeddedProblems('address-pools:\n- name: a\n  protocol: layer2\n  addresses: [10.0.0.0/30]\n'), []);
  assert.deepEqual(embeddedProblems(''), ['cm.json:1:114 data.config must be a mapping with address-pools']);
});
