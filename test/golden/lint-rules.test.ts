// MetalLB's verdicts against lint's: every rule fixture (MetalLB's config tests re-expressed, and common mistakes) and MetalLB's own samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_CODES } from '../../src/core/report/codes.ts';
import { assertGolden } from '../support/golden.ts';
import { repoRoot, runInProcess } from '../support/cli.ts';

const rulesDir = 'test/fixtures/lint-rules';
const samplesDir = 'test/fixtures/metallb-samples';

interface Expectation {
  /** What MetalLB does with the configuration: `accepts`, `refuses`, or `ignores part` of it. */
  metallb: string;
  /** The error and warning codes lint must report, exactly. */
  codes: string[];
}

/** The first two comment lines of a fixture: `# metallb: VERDICT` and `# findings: code, code`. */
function expectation(text: string): Expectation {
  const metallb = /^# metallb: (.+)$/m.exec(text)?.[1];
  const codes = /^# findings: ?(.*)$/m.exec(text)?.[1];
  assert.ok(metallb && codes !== undefined, 'the fixture starts with "# metallb:" and "# findings:" lines');
  return { metallb, codes: codes === '' ? [] : codes.split(', ') };
}

function reportedCodes(stdout: string): string[] {
  const codes = [...stdout.matchAll(/: (error|warning) ([a-z-]+):/g)].map((m) => m[2]!);
  return [...new Set(codes)].sort();
}

const fixtures = readdirSync(join(repoRoot, rulesDir)).filter((f) => f.endsWith('.yaml')).sort();
const produced = new Set<string>();
const clean = new Set<string>();

for (const file of fixtures) {
  test(`lint agrees with MetalLB: ${file}`, async () => {
    const path = `${rulesDir}/${file}`;
    const want = expectation(readFileSync(join(repoRoot, path), 'utf8'));
    const r = await runInProcess(['lint', path]);
    assert.equal(r.stderr, '');
    assert.equal(r.code, want.metallb === 'accepts' ? 0 : 1, `MetalLB ${want.metallb} ${file}`);
    const got = reportedCodes(r.stdout);
    assert.deepEqual(got, [...want.codes].sort());
    for (const c of got) produced.add(c);
    if (want.metallb === 'accepts') for (const c of FINDING_CODES) if (!got.includes(c)) clean.add(c);
    assertGolden(join(repoRoot, 'test/golden/lint-rules', file.replace(/\.yaml$/, '.txt')), r.stdout);
  });
}

test('every configuration rule has a fixture that produces it and an accepted one that does not', () => {
  const rules = ['unknown-kind', 'outside-metallb-namespace', 'duplicate-object', 'pool-no-addresses', 'address-syntax', 'address-host-bits', 'duplicate-entry', 'invalid-selector', 'advertisement-no-pool', 'aggregation-length', 'local-pref-conflict', 'invalid-community', 'legacy-config-map', 'legacy-config-invalid', 'advertisement-no-node', 'invalid-bgp-peer', 'bgp-peer-conflict', 'invalid-bfd-profile'];
  for (const code of rules) {
    assert.ok(produced.has(code), `a fixture produces ${code}`);
    assert.ok(clean.has(code), `an accepted fixture does not produce ${code}`);
  }
});

for (const file of readdirSync(join(repoRoot, samplesDir)).filter((f) => f.endsWith('.yaml')).sort()) {
  test(`MetalLB's own sample lints clean: ${file}`, async () => {
    const r = await runInProcess(['lint', `${samplesDir}/${file}`]);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, /: error /);
    assert.equal(r.code, 0);
  });
}
