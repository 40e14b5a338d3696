// The bundle's poolwatch metric names, types and labels agree with the exporter's family declarations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateBundle } from '../../../src/core/generate/bundle.ts';
import { DEFAULT_CONFIG } from '../../../src/core/generate/config.ts';
import { POOLWATCH, POOLWATCH_USAGE } from '../../../src/core/generate/metric-names.ts';
import { families } from '../../../src/core/metrics/families/index.ts';
import { renderBundleFile } from '../../../src/cli/render/bundle-files.ts';

test('every poolwatch family the bundle reads is declared by the exporter, with that type and those labels', () => {
  for (const name of Object.values(POOLWATCH)) {
    const declared = families.find((f) => f.name === name);
    assert.ok(declared, `${name} is not declared in src/core/metrics/families`);
    const usage = POOLWATCH_USAGE[name];
    assert.ok(usage, `${name} has no entry in POOLWATCH_USAGE`);
    assert.equal(declared.type, usage.type, `${name} type`);
    for (const label of usage.labels) assert.ok(declared.labels.includes(label), `${name} has no label ${label} (declares ${declared.labels.join(', ')})`);
  }
});

test('the bundle reads no poolwatch_ name outside metric-names.ts', () => {
  const text = generateBundle(DEFAULT_CONFIG, 'all').map(renderBundleFile).join('\n');
  const used = new Set([...text.matchAll(/(?<![\w:])poolwatch_[a-z_]+(?![\w:])/g)].map((m) => m[0]));
  const known = new Set<string>(Object.values(POOLWATCH));
  for (const name of used) assert.ok(known.has(name), `${name} appears in the bundle but not in metric-names.ts`);
  assert.ok(used.has(POOLWATCH.poolAddressesAvailable));
});
